using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.Genomics.Datasets;

namespace Motiflens.Cli.Commands;

/// <summary>Prints a dataset summary (used by <c>simulate</c> and <c>dataset</c>): text on stderr, JSON on stdout (<see cref="Print"/> for simulate; dataset writes its own named records).</summary>
internal static class DatasetReport
{
    public static void Print(string outPath, SequenceDataset dataset, bool json, IReadOnlyDictionary<string, object>? extra = null)
    {
        var summary = Describe(outPath, dataset);
        if (json)
        {
            var result = new Dictionary<string, object?>
            {
                ["out"] = outPath,
                ["length"] = summary.Length,
                ["tasks"] = summary.Tasks,
                ["motif_names"] = summary.MotifNames,
                ["splits"] = Splits(summary),
            };
            if (extra is not null)
            {
                foreach (var (k, v) in extra)
                {
                    result[k] = v;
                }
            }

            Output.Json(result);
        }
    }

    /// <summary>Prints the human summary of <paramref name="dataset"/> (written to <paramref name="outPath"/>) on stderr and returns it.</summary>
    public static DatasetSummary Describe(string outPath, SequenceDataset dataset)
    {
        var summary = DatasetSummary.Of(dataset);
        var ci = CultureInfo.InvariantCulture;
        Output.Info($"wrote {outPath}: L={summary.Length}, {summary.Tasks} task(s){(summary.MotifNames is { } m ? $", motifs {string.Join(", ", m.Take(8))}{(m.Count > 8 ? $" (+{m.Count - 8} more)" : string.Empty)}" : string.Empty)}");
        foreach (var s in summary.Splits)
        {
            Output.Info(string.Create(ci, $"  {s.Name,-5} N={s.Count,7}  positives per task [{string.Join(", ", s.Positives)}]  GC={s.GcFraction:F3}  N-bases={s.NFraction:F4}"));
        }

        return summary;
    }

    /// <summary>The splits of <paramref name="summary"/> in their --json form.</summary>
    public static IReadOnlyList<DatasetSplitJson> Splits(DatasetSummary summary) => summary.Splits.Select(DatasetSplitJson.From).ToList();
}
