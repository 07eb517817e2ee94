namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens score</c> on a split without planted ground truth: the KLD reliability scores
/// (undefined values are null); <see cref="KldWeighted"/> is keyed by k-mer length.
/// </summary>
internal sealed record ScoreResult(
    int NSequences,
    double? KldOriginal,
    IReadOnlyDictionary<string, double?> KldWeighted,
    double? KldMultiscale);
