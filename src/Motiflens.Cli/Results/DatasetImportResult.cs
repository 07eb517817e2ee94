namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens dataset --npz</c>: the dataset written, its sequence length, tasks, motif names
/// (null when it has none), its splits, and the .npz it was converted from.
/// </summary>
internal sealed record DatasetImportResult(
    string Out,
    int Length,
    int Tasks,
    IReadOnlyList<string>? MotifNames,
    IReadOnlyList<DatasetSplitJson> Splits,
    string Source);
