namespace Motiflens.Interpretation.Metrics;

/// <summary>Every reliability metric of one set of attribution maps.</summary>
/// <param name="Sequences">Number of sequences the KLDs were computed over.</param>
/// <param name="KldOriginal">The original KLD (NaN when no block of length ≥ k was found).</param>
/// <param name="KldWeighted">KLD_w(k) keyed by k, ascending.</param>
/// <param name="KldMultiscale">Σ ω_k KLD_w(k).</param>
/// <param name="GroundTruth">SNR and interpretability AUROC/AUPR, or null without ground truth.</param>
public sealed record ReliabilityScores(
    int Sequences,
    double KldOriginal,
    IReadOnlyDictionary<int, double> KldWeighted,
    double KldMultiscale,
    GroundTruthScores? GroundTruth);
