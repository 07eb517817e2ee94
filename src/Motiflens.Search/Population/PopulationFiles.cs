using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.IO;

namespace Motiflens.Search.Population;

/// <summary>
/// The files of a population directory (docs/population.md): <c>models/&lt;id&gt;/task.json</c> (a
/// <see cref="PopulationTask"/>), and after the member ran, <c>result.json</c> (a <see cref="PopulationRow"/>),
/// <c>model/</c> (the model directory) and <c>examples.npz</c> next to it. Every file is written atomically, so
/// a result.json that exists is complete.
/// </summary>
public static class PopulationFiles
{
    public const string TaskFile = "task.json";
    public const string ResultFile = "result.json";
    public const string ModelFolder = "model";
    public const string ExamplesFile = "examples.npz";
    public const string ModelsFolder = "models";
    public const string TableFile = "population.tsv";
    public const string JsonFile = "population.json";

    /// <summary>The value of task.json's "format".</summary>
    public const string TaskFormat = "motiflens-population-task/1";

    private static readonly JsonSerializerOptions TrainingJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The directory of member <paramref name="id"/> under the population directory <paramref name="root"/>.</summary>
    public static string MemberDirectory(string root, string id) => Path.Combine(root, ModelsFolder, id);

    /// <summary>The model directory of member <paramref name="id"/> relative to the population directory (with '/').</summary>
    public static string RelativeModelDirectory(string id) => $"{ModelsFolder}/{id}/{ModelFolder}";

    /// <summary>The text of task.json.</summary>
    public static string TaskJson(PopulationTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var training = JsonSerializer.SerializeToNode(task.Training, TrainingJson)!.AsObject();
        training.Remove("threads");
        var o = new JsonObject
        {
            ["format"] = TaskFormat,
            ["id"] = task.Member.Id,
            ["batchnorm"] = task.Member.BatchNorm,
            ["activation"] = task.Member.Activation,
            ["regularization"] = RegularizationNames.Name(task.Member.Regularization),
            ["seed"] = task.Member.Seed,
            ["data"] = task.Data,
            ["spec"] = ModelSpecJson.ToJson(task.Spec),
            ["training"] = training,
            ["attribution"] = new JsonObject
            {
                ["method"] = "saliency",
                ["max_sequences"] = task.Attribution.MaxSequences,
                ["examples"] = task.Attribution.Examples,
            },
        };
        return o.ToJsonString(Indented) + "\n";
    }

    /// <summary>Writes <c>task.json</c> into <paramref name="directory"/> (created if needed).</summary>
    public static void WriteTask(string directory, PopulationTask task)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, TaskFile), TaskJson(task));
    }

    /// <summary>Reads a task.json; any problem is an <see cref="InputException"/> naming the file and key.</summary>
    public static PopulationTask ReadTask(string path)
    {
        string text = InputFiles.ReadAllText(path, "the population task");

        return ParseTask(text, path);
    }

    /// <summary>Parses task.json text; <paramref name="source"/> names it in errors.</summary>
    public static PopulationTask ParseTask(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new InputException(source, (ex.LineNumber ?? -1) + 1, $"invalid JSON: {ex.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || f.GetString() != TaskFormat)
            {
                throw new InputException(source, "format", $"expected a population task with \"format\": \"{TaskFormat}\"");
            }

            string id = String(root, "id", source);
            string activation = String(root, "activation", source);
            string regName = String(root, "regularization", source);
            var reg = RegularizationNames.TryParse(regName)
                ?? throw new InputException(source, "regularization", $"expected one of {string.Join(", ", RegularizationNames.Names)}, found '{regName}'");
            if (!root.TryGetProperty("batchnorm", out var bn) || bn.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new InputException(source, "batchnorm", "expected true or false");
            }

            if (!root.TryGetProperty("seed", out var s) || !s.TryGetInt32(out int seed))
            {
                throw new InputException(source, "seed", "expected an integer");
            }

            if (!root.TryGetProperty("spec", out var specElement))
            {
                throw new InputException(source, "spec", "missing; expected the member's model spec");
            }

            var spec = ModelSpecJson.FromElement(specElement, source + ":spec");
            if (!root.TryGetProperty("training", out var t) || t.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(source, "training", "missing or not an object");
            }

            TrainingOptions training;
            try
            {
                training = t.Deserialize<TrainingOptions>(TrainingJson) ?? throw new InputException(source, "training", "expected an object");
                training.Validate();
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                throw new InputException(source, "training", ex.Message);
            }

            if (training.Seed != seed)
            {
                throw new InputException(source, "training.seed", $"is {training.Seed}, but the task's seed is {seed}");
            }

            var attribution = PopulationAttribution.Default;
            if (root.TryGetProperty("attribution", out var a) && a.ValueKind == JsonValueKind.Object)
            {
                attribution = new PopulationAttribution(
                    a.TryGetProperty("max_sequences", out var m) && m.TryGetInt32(out int max) && max >= 1 ? max : throw new InputException(source, "attribution.max_sequences", "expected an integer >= 1"),
                    a.TryGetProperty("examples", out var e) && e.TryGetInt32(out int ex) && ex >= 0 ? ex : throw new InputException(source, "attribution.examples", "expected an integer >= 0"));
            }

            return new PopulationTask(new PopulationMember(id, bn.GetBoolean(), activation, reg, seed), String(root, "data", source), spec, training, attribution);
        }
    }

    /// <summary>Writes result.json into <paramref name="directory"/> atomically.</summary>
    public static void WriteResult(string directory, PopulationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, ResultFile), row.ToJson().ToJsonString(Indented) + "\n");
    }

    /// <summary>The result in <paramref name="directory"/>, or null when the member has not finished.</summary>
    public static PopulationRow? TryReadResult(string directory)
    {
        var path = Path.Combine(directory, ResultFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return PopulationRow.FromJson(doc.RootElement, path, "result");
        }
        catch (JsonException ex)
        {
            throw new InputException(path, (ex.LineNumber ?? -1) + 1, $"invalid JSON: {ex.Message}");
        }
    }

    private static string String(JsonElement o, string key, string source) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new InputException(source, key, "expected a non-empty string");
}
