namespace Motiflens.Interpretation.Knowledge;

/// <summary>
/// The knowledge dissimilarity K of BioNAS, as in DESIGN.md: each filter is decoded row-wise with a
/// softmax at temperature T; for a motif P (n, 4) the decoded filter Ŵ (m, 4) is padded with ceil(n/2)
/// uniform rows (0.25) at both ends, P slides over every offset o = 0..m + 2·ceil(n/2) − n, and
/// <c>d_o = (1/n)·Σ_i KL(P[i] ‖ Ŵ_pad[o+i])</c> (natural log, terms with P = 0 skipped);
/// <c>d(P, W^j) = min_o d_o</c>; <c>K = mean over motifs of min over filters (and strands)</c>.
/// Ties keep the first filter, then the first offset, then the forward strand.
/// </summary>
public static class KnowledgeDissimilarity
{
    /// <summary>The BioNAS regulariser per filter.</summary>
    public const double PenaltyPerFilter = 0.01;

    /// <summary>K of <paramref name="filters"/> against <paramref name="motifs"/> (at least one).</summary>
    public static KnowledgeResult Compute(FilterBank filters, IReadOnlyList<KnowledgeMotif> motifs, KnowledgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(motifs);
        options ??= KnowledgeOptions.Default;
        if (motifs.Count == 0)
        {
            throw new ArgumentException("knowledge dissimilarity needs at least one motif", nameof(motifs));
        }

        var logW = FilterDecoder.DecodeLog(filters, options.Temperature);
        var matches = new KnowledgeMatch[motifs.Count];
        for (int m = 0; m < motifs.Count; m++)
        {
            matches[m] = BestMatch(filters, logW, motifs[m], options.ReverseComplement);
        }

        double k = matches.Average(x => x.Distance);
        if (options.FilterCountPenalty)
        {
            k += PenaltyPerFilter * filters.Count;
        }

        return new KnowledgeResult(k, matches);
    }

    /// <summary>The reverse complement of probabilities (n, 4): row order reversed, A↔T and C↔G swapped.</summary>
    public static double[] ReverseComplement(ReadOnlySpan<double> probabilities)
    {
        int n = probabilities.Length / 4;
        var rc = new double[probabilities.Length];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < 4; a++)
            {
                rc[(i * 4) + a] = probabilities[((n - 1 - i) * 4) + (3 - a)];
            }
        }

        return rc;
    }

    private static KnowledgeMatch BestMatch(FilterBank filters, double[] logW, KnowledgeMotif motif, bool tryReverse)
    {
        ArgumentNullException.ThrowIfNull(motif.Probabilities);
        int n = motif.Length;
        if (n == 0 || motif.Probabilities.Length != n * 4)
        {
            throw new ArgumentException($"motif '{motif.Name}' must have (n, 4) probabilities with n >= 1; got {motif.Probabilities.Length} values");
        }

        int pad = (n + 1) / 2;
        var best = new KnowledgeMatch(motif.Name, -1, 0, '+', double.PositiveInfinity);
        var strands = tryReverse
            ? new[] { ('+', motif.Probabilities), ('-', ReverseComplement(motif.Probabilities)) }
            : new[] { ('+', motif.Probabilities) };
        for (int f = 0; f < filters.Count; f++)
        {
            var filterLog = logW.AsSpan(f * filters.Width * 4, filters.Width * 4);
            foreach (var (strand, p) in strands)
            {
                var (offset, d) = BestOffset(p, filterLog, filters.Width, pad);
                if (d < best.Distance)
                {
                    best = new KnowledgeMatch(motif.Name, f, offset - pad, strand, d);
                }
            }
        }

        return best;
    }

    // Returns the padded offset with the smallest mean KL and that KL.
    private static (int Offset, double D) BestOffset(ReadOnlySpan<double> p, ReadOnlySpan<double> filterLog, int width, int pad)
    {
        int n = p.Length / 4;
        int padded = width + (2 * pad);
        double logUniform = Math.Log(0.25);
        int bestOffset = 0;
        double best = double.PositiveInfinity;
        for (int o = 0; o + n <= padded; o++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                int row = o + i - pad;
                for (int a = 0; a < 4; a++)
                {
                    double pa = p[(i * 4) + a];
                    if (pa > 0)
                    {
                        double logQ = row >= 0 && row < width ? filterLog[(row * 4) + a] : logUniform;
                        sum += pa * (Math.Log(pa) - logQ);
                    }
                }
            }

            double d = sum / n;
            if (d < best)
            {
                best = d;
                bestOffset = o;
            }
        }

        return (bestOffset, best);
    }
}
