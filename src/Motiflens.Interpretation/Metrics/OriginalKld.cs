using Motiflens.Genomics.Kmers;

namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// The k-mer KL-divergence consistency metric of Majdandzic et al. 2022 ("original KLD"), exactly as in
/// DESIGN.md: per sequence, <c>r_i = ‖A'[i,:]‖₂</c>; keep positions with <c>r_i &gt; quantile(r, q)</c>;
/// split them into maximal runs of consecutive positions; extend each run [a, b] to
/// [a, min(b + buffer, L − 1)]; merge a run into the previous block only if a ≤ the previous block's end;
/// drop blocks shorter than k; count overlapping k-mers in the blocks, pooled over all sequences → P;
/// Q = overlapping k-mer counts of the full sequences; KLD = KL(P ‖ Q) in nats.
/// </summary>
public static class OriginalKld
{
    /// <summary>
    /// The original KLD of attribution maps <paramref name="maps"/> (N, L, 4) for sequences
    /// <paramref name="codes"/> (N, L). The maps are corrected internally (the caller's are not modified).
    /// </summary>
    public static KldResult Compute(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps, int length, OriginalKldOptions? options = null)
    {
        PositionImportance.CheckShapes(codes, maps);
        return FromImportance(codes, PositionImportance.CorrectedNorm(maps), length, options);
    }

    /// <summary>
    /// The original KLD from per-position importance <paramref name="importance"/> (N, L) — normally
    /// <see cref="PositionImportance.CorrectedNorm"/> — with a prior counted over the same sequences.
    /// </summary>
    public static KldResult FromImportance(ReadOnlySpan<byte> codes, ReadOnlySpan<double> importance, int length, OriginalKldOptions? options = null)
    {
        options ??= OriginalKldOptions.Default;
        var q = KmerDivergence.BackgroundCounts(codes, length, options.K);
        return FromImportance(codes, importance, length, q, options);
    }

    /// <summary>As <see cref="FromImportance(ReadOnlySpan{byte}, ReadOnlySpan{double}, int, OriginalKldOptions?)"/> with a precomputed prior (4^k counts).</summary>
    public static KldResult FromImportance(ReadOnlySpan<byte> codes, ReadOnlySpan<double> importance, int length, ReadOnlySpan<double> background, OriginalKldOptions? options = null)
    {
        options ??= OriginalKldOptions.Default;
        Validate(options);
        if (importance.Length != codes.Length)
        {
            throw new ArgumentException($"importance has {importance.Length} values for {codes.Length} positions");
        }

        int n = PositionImportance.SequenceCount(codes.Length, length);
        int k = options.K;
        var p = new double[KmerIndex.Count(k)];
        var sorted = new double[length];
        var blocks = new List<KmerBlock>();
        for (int s = 0; s < n; s++)
        {
            blocks.Clear();
            AddBlocks(importance.Slice(s * length, length), options, sorted, blocks);
            var sequence = codes.Slice(s * length, length);
            foreach (var block in blocks)
            {
                KmerCounter.Count(sequence.Slice(block.Start, block.Length), k, p);
            }
        }

        double mass = 0;
        foreach (double v in p)
        {
            mass += v;
        }

        return new KldResult(k, KmerDivergence.KullbackLeibler(p, background), mass, n);
    }

    /// <summary>
    /// The blocks of one sequence's importance <paramref name="importance"/> (L) that the metric counts k-mers in,
    /// after thresholding, run extension, merging and dropping blocks shorter than k.
    /// </summary>
    public static IReadOnlyList<KmerBlock> Blocks(ReadOnlySpan<double> importance, OriginalKldOptions? options = null)
    {
        options ??= OriginalKldOptions.Default;
        Validate(options);
        var blocks = new List<KmerBlock>();
        AddBlocks(importance, options, new double[importance.Length], blocks);
        return blocks;
    }

    private static void AddBlocks(ReadOnlySpan<double> r, OriginalKldOptions options, double[] scratch, List<KmerBlock> blocks)
    {
        int length = r.Length;
        if (length == 0)
        {
            return;
        }

        var sorted = scratch.AsSpan(0, length);
        r.CopyTo(sorted);
        sorted.Sort();
        double cutoff = LinearQuantile.OfSorted(sorted, options.Quantile);
        int first = blocks.Count;
        int i = 0;
        while (i < length)
        {
            if (!(r[i] > cutoff))
            {
                i++;
                continue;
            }

            int a = i;
            while (i + 1 < length && r[i + 1] > cutoff)
            {
                i++;
            }

            int end = Math.Min(i + options.Buffer, length - 1);
            if (blocks.Count > first && a <= blocks[^1].End)
            {
                blocks[^1] = blocks[^1] with { End = Math.Max(blocks[^1].End, end) };
            }
            else
            {
                blocks.Add(new KmerBlock(a, end));
            }

            i++;
        }

        // Dropping happens after merging: a short run can still contribute by merging into a long one.
        blocks.RemoveAll(b => b.Length < options.K);
    }

    private static void Validate(OriginalKldOptions options)
    {
        KmerIndex.CheckK(options.K);
        if (!(options.Quantile is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Quantile, "quantile must satisfy 0 <= q <= 1");
        }

        if (options.Buffer < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Buffer, "buffer must be >= 0");
        }
    }
}
