using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Datasets;

/// <summary>Samples genomic background windows whose GC content matches a set of positive sequences.</summary>
internal static class GcMatchedBackground
{
    private const int GcBins = 20;

    /// <summary>GC-matched genomic windows: the positives' GC histogram (20 bins) is filled by rejection sampling.</summary>
    internal static List<(byte[] Codes, string Chrom)> Sample(
        IndexedGenome genome,
        List<string> chroms,
        List<DatasetExample> sources,
        int wanted,
        int length,
        Dictionary<string, long[]>? exclusions,
        Random random)
    {
        var result = new List<(byte[], string)>();
        if (wanted == 0 || sources.Count == 0)
        {
            return result;
        }

        var quota = new int[GcBins];
        for (int k = 0; k < wanted; k++)
        {
            quota[GcBin(sources[k % sources.Count].Codes)]++;
        }

        var lengths = chroms.Select(genome.LengthOf).ToArray();
        long total = lengths.Where(l => l >= length).Sum();
        if (total == 0)
        {
            throw new InputException(genome.Path, 0, $"no chromosome is at least {length} bases long");
        }

        int remaining = wanted;
        long attempts = 0, maxAttempts = (200L * wanted) + 10_000;
        var fallback = new List<(byte[], string)>();
        while (remaining > 0 && attempts++ < maxAttempts)
        {
            // A chromosome chosen in proportion to its length, then a uniform start.
            long x = random.NextInt64(total);
            int c = 0;
            while (lengths[c] < length || x >= lengths[c])
            {
                x -= lengths[c] >= length ? lengths[c] : 0;
                c++;
            }

            long start = random.NextInt64(lengths[c] - length + 1);
            if (exclusions is not null && exclusions.TryGetValue(chroms[c], out var starts) && Overlaps(starts, start, length))
            {
                continue;
            }

            var codes = genome.Fetch(chroms[c], start, start + length);
            if (codes.Count(b => b == Alphabet.N) > length / 10)
            {
                continue;
            }

            int bin = GcBin(codes);
            if (quota[bin] > 0)
            {
                quota[bin]--;
                remaining--;
                result.Add((codes, chroms[c]));
            }
            else if (fallback.Count < remaining)
            {
                fallback.Add((codes, chroms[c]));
            }
        }

        // Bins the genome cannot fill (extreme GC) are topped up with unmatched windows.
        result.AddRange(fallback.Take(remaining));
        return result;
    }

    private static bool Overlaps(long[] sortedStarts, long start, int length)
    {
        int i = Array.BinarySearch(sortedStarts, start);
        if (i >= 0)
        {
            return true;
        }

        i = ~i;
        return (i < sortedStarts.Length && sortedStarts[i] < start + length) || (i > 0 && sortedStarts[i - 1] + length > start);
    }

    private static int GcBin(byte[] codes)
    {
        int gc = 0, acgt = 0;
        foreach (var b in codes)
        {
            if (b < Alphabet.N)
            {
                acgt++;
                gc += b is Alphabet.C or Alphabet.G ? 1 : 0;
            }
        }

        return acgt == 0 ? 0 : Math.Min(GcBins - 1, gc * GcBins / acgt);
    }
}
