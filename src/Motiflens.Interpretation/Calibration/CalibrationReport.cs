using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Calibration;

/// <summary>The result of <see cref="LengthWeightCalibration.Calibrate"/>.</summary>
/// <param name="Weights">ω_k ∝ R²_k fitted on every usable model.</param>
/// <param name="RSquared">R²_k of KLD_w(k) ~ a + b·ln(SNR) on every usable model.</param>
/// <param name="UsedModels">Models with SNR &gt; 0 and a finite KLD_w(k) for every k.</param>
/// <param name="Trials">The hold-one-subset-out trials.</param>
/// <param name="MeanSpearman">Mean held-out Spearman ρ over the trials (ignoring NaN).</param>
/// <param name="WeightSpread">Standard deviation of ω_k across the trials, keyed by k.</param>
/// <param name="MeanSpearmanWeighted">Mean held-out Spearman ρ of each single-k KLD_w(k), keyed by k (ignoring NaN).</param>
/// <param name="MeanSpearmanOriginal">Mean held-out Spearman ρ of the original KLD (NaN when no trial has two models with one).</param>
public sealed record CalibrationReport(
    LengthWeights Weights,
    IReadOnlyDictionary<int, double> RSquared,
    int UsedModels,
    IReadOnlyList<CalibrationTrial> Trials,
    double MeanSpearman,
    IReadOnlyDictionary<int, double> WeightSpread,
    IReadOnlyDictionary<int, double> MeanSpearmanWeighted,
    double MeanSpearmanOriginal);
