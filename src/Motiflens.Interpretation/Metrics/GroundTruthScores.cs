namespace Motiflens.Interpretation.Metrics;

/// <summary>Metrics against simulated ground truth, over the positive sequences.</summary>
/// <param name="Sequences">Number of positive sequences evaluated.</param>
/// <param name="Snr">Mean SNR ignoring NaN.</param>
/// <param name="Auroc">Mean interpretability AUROC ignoring NaN.</param>
/// <param name="Aupr">Mean interpretability AUPR ignoring NaN.</param>
public sealed record GroundTruthScores(int Sequences, double Snr, double Auroc, double Aupr);
