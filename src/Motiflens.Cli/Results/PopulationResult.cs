namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens population</c>: the population directory and grid, the number of models asked for,
/// how many finished ok or failed, the two table files written and the number of matched-performance pairs.
/// </summary>
internal sealed record PopulationResult(
    string Out,
    string Grid,
    int Models,
    int Ok,
    int Failed,
    string PopulationJson,
    string PopulationTsv,
    int MatchedPairs);
