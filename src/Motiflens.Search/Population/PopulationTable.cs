using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Motiflens.Interpretation.Metrics;
using Motiflens.IO;

namespace Motiflens.Search.Population;

/// <summary>
/// A population's summary: <c>population.json</c> = <c>{"data", "grid", "models": [rows], "matched_pairs": [...]}</c>
/// and the same rows as <c>population.tsv</c> (docs/population.md).
/// </summary>
/// <param name="Data">The dataset path the population was trained on.</param>
/// <param name="Grid">The grid name.</param>
/// <param name="Models">One row per finished member, in grid order.</param>
/// <param name="Pairs">Matched-performance pairs of <paramref name="Models"/> (<see cref="MatchedPairs.Find"/>).</param>
public sealed record PopulationTable(string Data, string Grid, IReadOnlyList<PopulationRow> Models, IReadOnlyList<MatchedPair> Pairs)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A table of <paramref name="models"/> with their default matched pairs.</summary>
    public static PopulationTable Of(string data, string grid, IReadOnlyList<PopulationRow> models) =>
        new(data, grid, models, MatchedPairs.Find(models));

    /// <summary>The text of population.json.</summary>
    public string ToJson()
    {
        var o = new JsonObject
        {
            ["data"] = Data,
            ["grid"] = Grid,
            ["models"] = new JsonArray(Models.Select(m => (JsonNode)m.ToJson()).ToArray()),
            ["matched_pairs"] = new JsonArray(Pairs.Select(p => (JsonNode)new JsonObject
            {
                ["a"] = p.A,
                ["b"] = p.B,
                ["auroc_a"] = p.AurocA,
                ["auroc_b"] = p.AurocB,
                ["kld_multiscale_a"] = p.KldMultiscaleA,
                ["kld_multiscale_b"] = p.KldMultiscaleB,
                ["snr_a"] = double.IsFinite(p.SnrA) ? p.SnrA : null,
                ["snr_b"] = double.IsFinite(p.SnrB) ? p.SnrB : null,
            }).ToArray()),
        };
        return o.ToJsonString(Indented) + "\n";
    }

    /// <summary>The text of population.tsv (header + one line per model; kld_w3..kld_w8 columns).</summary>
    public string ToTsv()
    {
        var ks = WeightedKld.DefaultKs.Concat(Models.SelectMany(m => m.KldWeighted.Keys)).Distinct().Order().ToArray();
        var sb = new StringBuilder();
        sb.Append(string.Join('\t', PopulationRow.TsvColumns(ks))).Append('\n');
        foreach (var m in Models)
        {
            sb.Append(string.Join('\t', m.TsvCells(ks))).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes population.tsv and population.json into <paramref name="directory"/>, each atomically.</summary>
    public void Save(string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, PopulationFiles.TableFile), ToTsv());
        AtomicFile.WriteAllText(Path.Combine(directory, PopulationFiles.JsonFile), ToJson());
    }

    /// <summary>
    /// Reads <c>population.json</c> from a population directory (or the file itself). Problems are an
    /// <see cref="InputException"/> naming the file and the model record.
    /// </summary>
    public static PopulationTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, PopulationFiles.JsonFile) : path;
        if (!File.Exists(file))
        {
            throw new InputException(file, 0, Directory.Exists(path)
                ? "no population.json here; run `motiflens population` into this directory first"
                : "no such population directory or population.json");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException ex)
        {
            throw new InputException(file, (ex.LineNumber ?? -1) + 1, $"invalid JSON: {ex.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(file, "models", "expected an object with a \"models\" array");
            }

            var rows = models.EnumerateArray().Select((m, i) => PopulationRow.FromJson(m, file, $"models[{i}]")).ToList();
            string data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            string grid = root.TryGetProperty("grid", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()! : "";
            return Of(data, grid, rows);
        }
    }
}
