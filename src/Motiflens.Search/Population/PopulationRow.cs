using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Motiflens.IO;

namespace Motiflens.Search.Population;

/// <summary>
/// One trained population member: a row of population.tsv / population.json and the content of its result.json.
/// Missing or undefined numbers are NaN (null in JSON, empty in TSV).
/// </summary>
public sealed record PopulationRow
{
    public required string Id { get; init; }

    public bool BatchNorm { get; init; }

    /// <summary>First-layer activation ("relu", "exponential").</summary>
    public required string Activation { get; init; }

    public RegularizationKind Regularization { get; init; }

    public int Seed { get; init; }

    /// <summary>True for "ok", false for "failed".</summary>
    public bool Ok { get; init; }

    /// <summary>Why the member failed (empty when ok).</summary>
    public string Reason { get; init; } = "";

    public double TestLoss { get; init; } = double.NaN;

    public double TestAuroc { get; init; } = double.NaN;

    public double TestAupr { get; init; } = double.NaN;

    /// <summary>Mean SNR of saliency over the attributed positive test sequences.</summary>
    public double Snr { get; init; } = double.NaN;

    public double InterpAuroc { get; init; } = double.NaN;

    public double InterpAupr { get; init; } = double.NaN;

    public double KldOriginal { get; init; } = double.NaN;

    /// <summary>KLD_w(k) keyed by k (3..8).</summary>
    public IReadOnlyDictionary<int, double> KldWeighted { get; init; } = new Dictionary<int, double>();

    /// <summary>KLD_ms with the length weights in force when the member was scored.</summary>
    public double KldMultiscale { get; init; } = double.NaN;

    public double TrainSeconds { get; init; } = double.NaN;

    /// <summary>Epochs run (early stopping may end training before the maximum).</summary>
    public int Epochs { get; init; }

    /// <summary>The trained model directory, relative to the population directory ("" when training failed).</summary>
    public string ModelDir { get; init; } = "";

    /// <summary>The TSV column names, in order (kld_weighted becomes kld_w3 .. kld_w8).</summary>
    public static IReadOnlyList<string> TsvColumns(IReadOnlyList<int> ks) =>
    [
        "id", "batchnorm", "activation", "regularization", "seed", "status", "reason", "test_loss", "test_auroc", "test_aupr",
        "snr", "interp_auroc", "interp_aupr", "kld_original", .. ks.Select(k => "kld_w" + k.ToString(CultureInfo.InvariantCulture)),
        "kld_multiscale", "train_seconds", "epochs", "model_dir",
    ];

    /// <summary>The TSV cells of this row, in <see cref="TsvColumns"/> order.</summary>
    public IReadOnlyList<string> TsvCells(IReadOnlyList<int> ks) =>
    [
        Id, BatchNorm ? "true" : "false", Activation, RegularizationNames.Name(Regularization), Seed.ToString(CultureInfo.InvariantCulture),
        Ok ? "ok" : "failed", Reason.ReplaceLineEndings(" ").Replace('\t', ' '), Cell(TestLoss), Cell(TestAuroc), Cell(TestAupr),
        Cell(Snr), Cell(InterpAuroc), Cell(InterpAupr), Cell(KldOriginal), .. ks.Select(k => Cell(KldWeighted.GetValueOrDefault(k, double.NaN))),
        Cell(KldMultiscale), Cell(TrainSeconds), Epochs.ToString(CultureInfo.InvariantCulture), ModelDir,
    ];

    /// <summary>The JSON object of this row (the keys of docs/population.md).</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["batchnorm"] = BatchNorm,
        ["activation"] = Activation,
        ["regularization"] = RegularizationNames.Name(Regularization),
        ["seed"] = Seed,
        ["status"] = Ok ? "ok" : "failed",
        ["reason"] = Reason,
        ["test_loss"] = Number(TestLoss),
        ["test_auroc"] = Number(TestAuroc),
        ["test_aupr"] = Number(TestAupr),
        ["snr"] = Number(Snr),
        ["interp_auroc"] = Number(InterpAuroc),
        ["interp_aupr"] = Number(InterpAupr),
        ["kld_original"] = Number(KldOriginal),
        ["kld_weighted"] = new JsonObject(KldWeighted.OrderBy(p => p.Key)
            .Select(p => new KeyValuePair<string, JsonNode?>(p.Key.ToString(CultureInfo.InvariantCulture), Number(p.Value)))),
        ["kld_multiscale"] = Number(KldMultiscale),
        ["train_seconds"] = Number(TrainSeconds),
        ["epochs"] = Epochs,
        ["model_dir"] = ModelDir,
    };

    /// <summary>Reads a row written by <see cref="ToJson"/>; problems are an <see cref="InputException"/> naming <paramref name="source"/> and <paramref name="record"/>.</summary>
    public static PopulationRow FromJson(JsonElement o, string source, string record)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(source, record, $"expected a JSON object, found {o.ValueKind}");
        }

        string id = Text(o, "id", source, record);
        record = $"{record} ({id})";
        string regName = Text(o, "regularization", source, record);
        var reg = RegularizationNames.TryParse(regName)
            ?? throw new InputException(source, record, $"regularization: expected one of {string.Join(", ", RegularizationNames.Names)}, found '{regName}'");
        string status = Text(o, "status", source, record);
        if (status is not ("ok" or "failed"))
        {
            throw new InputException(source, record, $"status: expected ok or failed, found '{status}'");
        }

        var weighted = new SortedDictionary<int, double>();
        if (o.TryGetProperty("kld_weighted", out var kw) && kw.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in kw.EnumerateObject())
            {
                if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int k))
                {
                    throw new InputException(source, record, $"kld_weighted: expected k-mer lengths as keys, found '{p.Name}'");
                }

                weighted[k] = Double(p.Value, $"kld_weighted.{p.Name}", source, record);
            }
        }

        return new PopulationRow
        {
            Id = id,
            BatchNorm = o.TryGetProperty("batchnorm", out var bn) && bn.ValueKind == JsonValueKind.True,
            Activation = Text(o, "activation", source, record),
            Regularization = reg,
            Seed = o.TryGetProperty("seed", out var s) && s.TryGetInt32(out int seed) ? seed : 0,
            Ok = status == "ok",
            Reason = o.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "",
            TestLoss = Optional(o, "test_loss", source, record),
            TestAuroc = Optional(o, "test_auroc", source, record),
            TestAupr = Optional(o, "test_aupr", source, record),
            Snr = Optional(o, "snr", source, record),
            InterpAuroc = Optional(o, "interp_auroc", source, record),
            InterpAupr = Optional(o, "interp_aupr", source, record),
            KldOriginal = Optional(o, "kld_original", source, record),
            KldWeighted = weighted,
            KldMultiscale = Optional(o, "kld_multiscale", source, record),
            TrainSeconds = Optional(o, "train_seconds", source, record),
            Epochs = o.TryGetProperty("epochs", out var e) && e.TryGetInt32(out int epochs) ? epochs : 0,
            ModelDir = o.TryGetProperty("model_dir", out var md) && md.ValueKind == JsonValueKind.String ? md.GetString()! : "",
        };
    }

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string Cell(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Text(JsonElement o, string key, string source, string record) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new InputException(source, record, $"{key}: expected a string");

    private static double Optional(JsonElement o, string key, string source, string record) =>
        o.TryGetProperty(key, out var v) ? Double(v, key, source, record) : double.NaN;

    private static double Double(JsonElement v, string key, string source, string record) => v.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.Number => v.GetDouble(),
        _ => throw new InputException(source, record, $"{key}: expected a number or null, found {v.ValueKind}"),
    };
}
