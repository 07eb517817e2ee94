using Motiflens.Genomics.Kmers;

namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// The pieces every k-mer KLD shares: the prior Q (overlapping k-mer counts of whole sequences) and the
/// Kullback–Leibler divergence between two count tables after normalising each to sum 1.
/// </summary>
public static class KmerDivergence
{
    /// <summary>
    /// Overlapping k-mer counts (4^k) over each sequence of <paramref name="codes"/> (N·L, row-major, length
    /// L = <paramref name="length"/>); windows never cross sequence boundaries and windows with N are skipped.
    /// Normalised, this is the prior Q of the KLD metrics.
    /// </summary>
    public static double[] BackgroundCounts(ReadOnlySpan<byte> codes, int length, int k)
    {
        int n = PositionImportance.SequenceCount(codes.Length, length);
        var counts = new double[KmerIndex.Count(k)];
        for (int s = 0; s < n; s++)
        {
            KmerCounter.Count(codes.Slice(s * length, length), k, counts);
        }

        return counts;
    }

    /// <summary>
    /// <c>KL(P ‖ Q) = Σ_u P(u)·ln(P(u)/Q(u))</c> in nats, with P and Q the count tables normalised to sum 1 and
    /// terms with P(u) = 0 skipped. NaN when either table sums to 0; +∞ when some u has P(u) &gt; 0 but
    /// Q(u) = 0 (the P of every Motiflens metric counts subsequences of the sequences Q counts, so this
    /// cannot happen there).
    /// </summary>
    public static double KullbackLeibler(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException($"count tables differ in size: {p.Length} and {q.Length}");
        }

        double sumP = 0, sumQ = 0;
        for (int u = 0; u < p.Length; u++)
        {
            sumP += p[u];
            sumQ += q[u];
        }

        if (!(sumP > 0) || !(sumQ > 0))
        {
            return double.NaN;
        }

        double kld = 0;
        for (int u = 0; u < p.Length; u++)
        {
            if (p[u] > 0)
            {
                if (q[u] <= 0)
                {
                    return double.PositiveInfinity;
                }

                double pu = p[u] / sumP;
                kld += pu * Math.Log(pu / (q[u] / sumQ));
            }
        }

        return kld;
    }
}
