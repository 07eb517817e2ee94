using System.Text.Json.Serialization;
using Motiflens.Genomics.Datasets;

namespace Motiflens.Cli.Results;

/// <summary>One split of a dataset --json summary: its size, positives per task, GC and N-base fractions (6 decimals).</summary>
internal sealed record DatasetSplitJson(
    string Name,
    int Count,
    IReadOnlyList<int> Positives,
    [property: JsonPropertyName("gc")] double GcFraction,
    double NFraction)
{
    /// <summary>The JSON form of <paramref name="split"/>.</summary>
    public static DatasetSplitJson From(SplitSummary split) =>
        new(split.Name, split.Count, split.Positives, Math.Round(split.GcFraction, 6), Math.Round(split.NFraction, 6));
}
