using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Calibration;

/// <summary>One robustness trial: weights fitted without subset <paramref name="HeldOutSubset"/>, tested on it.</summary>
/// <param name="HeldOutSubset">Index of the held-out subset.</param>
/// <param name="Weights">The fold-averaged weights fitted on the other subsets.</param>
/// <param name="HeldOutModels">Number of usable models in the held-out subset.</param>
/// <param name="Spearman">Spearman correlation of KLD_ms with SNR on the held-out subset (NaN with fewer than 2 models).</param>
public sealed record CalibrationTrial(int HeldOutSubset, LengthWeights Weights, int HeldOutModels, double Spearman);
