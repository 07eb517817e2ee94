namespace Motiflens.Cli.Results;

/// <summary>
/// One robustness trial in <see cref="CalibrateResult"/>: the held-out subset and its usable models, the weights fitted
/// without it (keyed by k) and the held-out Spearman correlations with SNR (null when undefined).
/// </summary>
internal sealed record CalibrationTrialJson(
    int HeldOutSubset,
    int HeldOutModels,
    IReadOnlyDictionary<string, double> Weights,
    double? SpearmanMultiscale,
    double? SpearmanOriginal);
