namespace Motiflens.Interpretation.Metrics;

/// <summary>SNR of a set of sequences.</summary>
/// <param name="Mean">Mean of the per-sequence SNRs ignoring NaN (NaN when all are NaN).</param>
/// <param name="PerSequence">One SNR per evaluated sequence (NaN when it has no motif position).</param>
public sealed record SignalToNoiseResult(double Mean, double[] PerSequence);
