namespace Motiflens.Interpretation.Metrics;

/// <summary>Interpretability AUROC / AUPR of a set of sequences.</summary>
/// <param name="Auroc">Mean per-sequence AUROC ignoring NaN.</param>
/// <param name="Aupr">Mean per-sequence AUPR ignoring NaN.</param>
/// <param name="PerSequenceAuroc">AUROC per sequence (NaN when motif or background positions are missing).</param>
/// <param name="PerSequenceAupr">AUPR per sequence (NaN likewise).</param>
public sealed record InterpretabilityResult(double Auroc, double Aupr, double[] PerSequenceAuroc, double[] PerSequenceAupr);
