namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens search</c>: the history file, how many children were recorded and failed, the
/// converged architecture's layers, the best children and the best architectures by median.
/// </summary>
internal sealed record SearchResult(
    string History,
    int Children,
    int Failed,
    IReadOnlyList<string> Converged,
    IReadOnlyList<SearchBestChildJson> Best,
    IReadOnlyList<SearchBestArchitectureJson> BestArchitectures);
