namespace Motiflens.Genomics.Datasets;

/// <summary>One split's counts.</summary>
/// <param name="Name">The split's name.</param>
/// <param name="Count">N, the number of sequences.</param>
/// <param name="Positives">Per task, the sequences with target ≥ 0.5.</param>
/// <param name="GcFraction">(G + C) / (A + C + G + T) over all bases (0 when there are none).</param>
/// <param name="NFraction">Fraction of bases that are N.</param>
public sealed record SplitSummary(string Name, int Count, IReadOnlyList<int> Positives, double GcFraction, double NFraction)
{
    public static SplitSummary Of(DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var counts = new long[5];
        foreach (var c in split.Codes)
        {
            counts[Math.Min((int)c, 4)]++;
        }

        long acgt = counts[0] + counts[1] + counts[2] + counts[3];
        long all = acgt + counts[4];
        var positives = new int[split.Tasks];
        for (int i = 0; i < split.Count; i++)
        {
            var t = split.Target(i);
            for (int k = 0; k < split.Tasks; k++)
            {
                positives[k] += t[k] >= 0.5f ? 1 : 0;
            }
        }

        return new SplitSummary(
            split.Name,
            split.Count,
            positives,
            acgt == 0 ? 0 : (double)(counts[1] + counts[2]) / acgt,
            all == 0 ? 0 : (double)counts[4] / all);
    }
}
