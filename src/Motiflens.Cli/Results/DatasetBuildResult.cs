namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens dataset</c> built from FASTA, a table or BED: the dataset written, its sequence
/// length, tasks, motif names (null when it has none), its splits, the negative source and the kind of split.
/// </summary>
internal sealed record DatasetBuildResult(
    string Out,
    int Length,
    int Tasks,
    IReadOnlyList<string>? MotifNames,
    IReadOnlyList<DatasetSplitJson> Splits,
    string Negatives,
    string Split);
