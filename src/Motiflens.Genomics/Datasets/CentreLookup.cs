using Motiflens.Genomics.Sequences;

namespace Motiflens.Genomics.Datasets;

/// <summary>Answers "does a peak contain this base?" by binary search over peaks sorted by start with running maximum ends.</summary>
internal sealed class CentreLookup
{
    private readonly Dictionary<string, (long[] Starts, long[] MaxEnds)> _byChrom = new(StringComparer.Ordinal);

    public CentreLookup(IReadOnlyList<BedInterval> peaks)
    {
        foreach (var g in peaks.GroupBy(p => p.Chrom))
        {
            var sorted = g.OrderBy(p => p.Start).ToArray();
            var starts = sorted.Select(p => p.Start).ToArray();
            var maxEnds = new long[sorted.Length];
            long m = long.MinValue;
            for (int i = 0; i < sorted.Length; i++)
            {
                m = Math.Max(m, sorted[i].End);
                maxEnds[i] = m;
            }

            _byChrom[g.Key] = (starts, maxEnds);
        }
    }

    public bool Contains(string chrom, long position)
    {
        if (!_byChrom.TryGetValue(chrom, out var x))
        {
            return false;
        }

        // The last peak starting at or before the position; any earlier peak reaching past it contains it.
        int i = Array.BinarySearch(x.Starts, position);
        if (i < 0)
        {
            i = ~i - 1;
        }
        else
        {
            while (i + 1 < x.Starts.Length && x.Starts[i + 1] == position)
            {
                i++;
            }
        }

        return i >= 0 && x.MaxEnds[i] > position;
    }
}
