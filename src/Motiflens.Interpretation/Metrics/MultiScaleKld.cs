namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// The multi-scale (length-scaled) KLD: <c>KLD_ms = Σ_k ω_k · KLD_w(k)</c> with length weights Σ ω_k = 1
/// (see <see cref="LengthWeights"/>; <see cref="LengthWeights.Default"/> when none are given).
/// </summary>
public static class MultiScaleKld
{
    /// <summary>
    /// Combines per-k weighted KLDs. Every k with ω_k &gt; 0 must be present; NaN when one of them is NaN.
    /// </summary>
    public static double Combine(IReadOnlyDictionary<int, double> weightedKldByK, LengthWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(weightedKldByK);
        weights ??= LengthWeights.Default;
        double sum = 0;
        foreach (var (k, w) in weights.Weights)
        {
            if (w == 0)
            {
                continue;
            }

            if (!weightedKldByK.TryGetValue(k, out double value))
            {
                throw new ArgumentException($"KLD_w({k}) is needed for the multi-scale KLD but was not computed", nameof(weightedKldByK));
            }

            sum += w * value;
        }

        return sum;
    }

    /// <summary>KLD_ms of maps (N, L, 4) for sequences (N, L): KLD_w(k) for every weighted k, then combined.</summary>
    public static double Compute(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps, int length, LengthWeights? weights = null, ImportanceKind kind = ImportanceKind.CorrectedNorm)
    {
        weights ??= LengthWeights.Default;
        var perK = WeightedKld.ComputeRange(codes, maps, length, weights.Ks, kind);
        return Combine(perK.ToDictionary(p => p.Key, p => p.Value.Value), weights);
    }
}
