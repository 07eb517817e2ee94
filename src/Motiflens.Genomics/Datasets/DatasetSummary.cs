namespace Motiflens.Genomics.Datasets;

/// <summary>Counts that describe a dataset: per split the sizes, positives per task, GC and N content.</summary>
/// <param name="Length">L, the sequence length.</param>
/// <param name="Tasks">T, the number of targets.</param>
/// <param name="MotifNames">The motif names of simulated data, or null.</param>
/// <param name="Splits">One summary per split, in file order.</param>
public sealed record DatasetSummary(int Length, int Tasks, IReadOnlyList<string>? MotifNames, IReadOnlyList<SplitSummary> Splits)
{
    /// <summary>Summarises <paramref name="dataset"/> (one pass over the codes).</summary>
    public static DatasetSummary Of(SequenceDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new DatasetSummary(dataset.Length, dataset.Tasks, dataset.MotifNames, dataset.Splits.Select(SplitSummary.Of).ToList());
    }
}
