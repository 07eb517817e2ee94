namespace Motiflens.Interpretation.Metrics;

/// <summary>Parameters of <see cref="OriginalKld"/>; the defaults are the published ones (k = 6, q = 0.9, buffer 2).</summary>
/// <param name="K">k-mer length, 1..12.</param>
/// <param name="Quantile">Per-sequence quantile q of the importance that a position must exceed.</param>
/// <param name="Buffer">Positions added to the right end of every run of kept positions.</param>
public sealed record OriginalKldOptions(int K = 6, double Quantile = 0.9, int Buffer = 2)
{
    /// <summary>The published parameters.</summary>
    public static OriginalKldOptions Default { get; } = new();
}
