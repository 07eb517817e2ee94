using Motiflens.Genomics.Kmers;

namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// The attribution-weighted k-mer KLD (the enhanced metric; no threshold), exactly as in DESIGN.md: per
/// sequence with importance a (L), the k-mer occurrence starting at j has weight
/// <c>w_j = (Σ_{i=j}^{j+k−1} a_i) / Σ_{i=0}^{L−1} a_i</c>; <c>P_w(u) ∝ Σ_sequences Σ_{j : kmer_j = u} w_j</c>;
/// <c>KLD_w(k) = KL(P_w ‖ Q)</c> with Q the overlapping k-mer frequencies of the full sequences.
/// Occurrences containing N are skipped (in P_w and Q); a sequence whose importance sums to 0 has no
/// defined weights and contributes nothing to P_w (it still counts in Q).
/// </summary>
public static class WeightedKld
{
    /// <summary>The default k-mer lengths, 3..8.</summary>
    public static IReadOnlyList<int> DefaultKs { get; } = [3, 4, 5, 6, 7, 8];

    /// <summary>
    /// KLD_w(k) of maps (N, L, 4) for sequences (N, L), with importance <paramref name="kind"/>
    /// (default <c>r_i</c>, the L2 norm of the corrected row).
    /// </summary>
    public static KldResult Compute(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps, int length, int k, ImportanceKind kind = ImportanceKind.CorrectedNorm)
    {
        var importance = PositionImportance.Compute(codes, maps, kind);
        return FromImportance(codes, importance, length, k, KmerDivergence.BackgroundCounts(codes, length, k));
    }

    /// <summary>KLD_w(k) for every k of <paramref name="ks"/> (default 3..8), keyed by k.</summary>
    public static IReadOnlyDictionary<int, KldResult> ComputeRange(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps, int length, IEnumerable<int>? ks = null, ImportanceKind kind = ImportanceKind.CorrectedNorm)
    {
        var importance = PositionImportance.Compute(codes, maps, kind);
        var results = new SortedDictionary<int, KldResult>();
        foreach (int k in ks ?? DefaultKs)
        {
            results[k] = FromImportance(codes, importance, length, k, KmerDivergence.BackgroundCounts(codes, length, k));
        }

        return results;
    }

    /// <summary>
    /// KLD_w(k) from per-position importance (N, L) and a prior <paramref name="background"/> (4^k counts,
    /// see <see cref="KmerDivergence.BackgroundCounts"/>).
    /// </summary>
    public static KldResult FromImportance(ReadOnlySpan<byte> codes, ReadOnlySpan<double> importance, int length, int k, ReadOnlySpan<double> background)
    {
        if (importance.Length != codes.Length)
        {
            throw new ArgumentException($"importance has {importance.Length} values for {codes.Length} positions");
        }

        int n = PositionImportance.SequenceCount(codes.Length, length);
        var p = WeightedCounts(codes, importance, length, k);
        double mass = 0;
        foreach (double v in p)
        {
            mass += v;
        }

        return new KldResult(k, KmerDivergence.KullbackLeibler(p, background), mass, n);
    }

    /// <summary>The unnormalised weighted counts Σ w_j per k-mer (4^k) over all sequences.</summary>
    public static double[] WeightedCounts(ReadOnlySpan<byte> codes, ReadOnlySpan<double> importance, int length, int k)
    {
        int n = PositionImportance.SequenceCount(codes.Length, length);
        var p = new double[KmerIndex.Count(k)];
        if (length < k)
        {
            return p;
        }

        var weights = new double[length - k + 1];
        for (int s = 0; s < n; s++)
        {
            var a = importance.Slice(s * length, length);
            double total = 0;
            for (int i = 0; i < length; i++)
            {
                total += a[i];
            }

            if (!(total > 0))
            {
                continue;
            }

            // Window sums are added directly (k ≤ 12 terms): prefix-sum differences lose digits when a few
            // positions dominate the total.
            for (int j = 0; j < weights.Length; j++)
            {
                double window = 0;
                for (int i = j; i < j + k; i++)
                {
                    window += a[i];
                }

                weights[j] = window / total;
            }

            KmerCounter.CountWeighted(codes.Slice(s * length, length), k, weights, p);
        }

        return p;
    }
}
