using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Calibration;

/// <summary>One robustness trial: weights fitted without subset <paramref name="HeldOutSubset"/>, tested on it.</summary>
/// <param name="HeldOutSubset">Index of the held-out subset.</param>
/// <param name="Weights">The fold-averaged weights fitted on the other subsets.</param>
/// <param name="HeldOutModels">Number of usable models in the held-out subset.</param>
/// <param name="Spearman">Spearman correlation of KLD_ms (with this trial's weights) with SNR on the held-out subset (NaN with fewer than 2 models).</param>
/// <param name="SpearmanWeighted">Spearman correlation of each single-k KLD_w(k) with SNR on the held-out subset, keyed by k.</param>
/// <param name="SpearmanOriginal">Spearman correlation of the original KLD with SNR on the held-out models that have one (NaN with fewer than 2).</param>
public sealed record CalibrationTrial(
    int HeldOutSubset,
    LengthWeights Weights,
    int HeldOutModels,
    double Spearman,
    IReadOnlyDictionary<int, double> SpearmanWeighted,
    double SpearmanOriginal);
