namespace Motiflens.Genomics.Kmers;

/// <summary>
/// Overlapping k-mer counts over DNA codes (A = 0, C = 1, G = 2, T = 3, N = 4). Every start position j with
/// j + k ≤ length contributes one occurrence, except windows that contain N (or any code above 3), which
/// are skipped. Counts are indexed by <see cref="KmerIndex"/> (length 4^k) and are added to, never
/// cleared, so one table can pool many sequences.
/// </summary>
/// <remarks>The windows come from <see cref="KmerWindows"/> (a rolling index, O(1) per position).</remarks>
public static class KmerCounter
{
    /// <summary>Adds 1 per k-mer occurrence in <paramref name="codes"/> to <paramref name="counts"/> (4^k).</summary>
    public static void Count(ReadOnlySpan<byte> codes, int k, Span<long> counts)
    {
        CheckTable(k, counts.Length);
        foreach (var w in new KmerWindows(codes, k))
        {
            counts[w.Index]++;
        }
    }

    /// <summary>Adds 1.0 per k-mer occurrence in <paramref name="codes"/> to <paramref name="counts"/> (4^k).</summary>
    public static void Count(ReadOnlySpan<byte> codes, int k, Span<double> counts)
    {
        CheckTable(k, counts.Length);
        foreach (var w in new KmerWindows(codes, k))
        {
            counts[w.Index] += 1.0;
        }
    }

    /// <summary>
    /// Adds <c>weights[j]</c> for the occurrence starting at j to <paramref name="counts"/> (4^k).
    /// <paramref name="weights"/> has one entry per start position, length ≥ codes.Length − k + 1
    /// (entries for N-containing windows are ignored).
    /// </summary>
    public static void CountWeighted(ReadOnlySpan<byte> codes, int k, ReadOnlySpan<double> weights, Span<double> counts)
    {
        CheckTable(k, counts.Length);
        int starts = Math.Max(0, codes.Length - k + 1);
        if (weights.Length < starts)
        {
            throw new ArgumentException($"weights must have at least {starts} entries (one per start position); got {weights.Length}", nameof(weights));
        }

        foreach (var w in new KmerWindows(codes, k))
        {
            counts[w.Index] += weights[w.Start];
        }
    }

    /// <summary>Overlapping counts of one sequence as a new table of 4^k entries.</summary>
    public static long[] Count(ReadOnlySpan<byte> codes, int k)
    {
        var counts = new long[KmerIndex.Count(k)];
        Count(codes, k, counts.AsSpan());
        return counts;
    }

    private static void CheckTable(int k, int length)
    {
        int expected = KmerIndex.Count(k);
        if (length != expected)
        {
            throw new ArgumentException($"count table for k={k} must have 4^k = {expected} entries; got {length}");
        }
    }
}
