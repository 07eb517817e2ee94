namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// A k-mer KLD value with what it was computed from.
/// </summary>
/// <param name="K">k-mer length.</param>
/// <param name="Value">KL(P ‖ Q) in nats; NaN when P is empty (no k-mer was counted).</param>
/// <param name="Mass">Total (weighted) count behind P before normalisation.</param>
/// <param name="Sequences">Number of sequences evaluated (those Q was counted over).</param>
public sealed record KldResult(int K, double Value, double Mass, int Sequences);
