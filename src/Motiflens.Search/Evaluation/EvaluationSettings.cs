using System.Text.Json;
using System.Text.Json.Serialization;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Evaluation;

/// <summary>
/// Everything a child's evaluation needs besides its own task, as files and settings: the model space, the dataset,
/// the knowledge motifs (absolute paths) and how children are trained and scored. A run directory keeps it as
/// <c>evaluation.json</c>, so a process on another machine (a cluster job running the hidden worker command) can
/// rebuild the same <see cref="ChildTrainer"/> and evaluate one child exactly as the local evaluator would.
/// </summary>
public sealed record EvaluationSettings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Model space YAML.</summary>
    [JsonPropertyName("space")]
    public required string SpacePath { get; init; }

    /// <summary>Dataset .npz with train and valid splits.</summary>
    [JsonPropertyName("data")]
    public required string DataPath { get; init; }

    /// <summary>Knowledge motif file (null: K = 0).</summary>
    [JsonPropertyName("knowledge")]
    public string? KnowledgePath { get; init; }

    /// <summary>Only these motifs of the knowledge file (empty: all).</summary>
    [JsonPropertyName("motifs")]
    public IReadOnlyList<string> MotifNames { get; init; } = [];

    /// <summary>Training, restarts and scoring of every child (its Parallel and Threads are not used by a worker).</summary>
    [JsonPropertyName("evaluation")]
    public required LocalEvaluatorOptions Options { get; init; }

    /// <summary>The same settings with every path made absolute (workers may start in another directory).</summary>
    public EvaluationSettings WithAbsolutePaths() => this with
    {
        SpacePath = Path.GetFullPath(SpacePath),
        DataPath = Path.GetFullPath(DataPath),
        KnowledgePath = KnowledgePath is null ? null : Path.GetFullPath(KnowledgePath),
    };

    /// <summary>Reads the space, dataset and motifs and builds the trainer (bad files are <see cref="InputException"/>s).</summary>
    public ChildTrainer CreateTrainer()
    {
        var space = ModelSpaceReader.Load(SpacePath);
        var motifs = KnowledgeFile.Load(KnowledgePath, MotifNames);
        var dataset = SequenceDataset.Load(DataPath);
        return new ChildTrainer(space, dataset, motifs, Options);
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    public static EvaluationSettings Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "no evaluation settings here (evaluation.json is missing)");
        }

        try
        {
            return JsonSerializer.Deserialize<EvaluationSettings>(File.ReadAllText(path), Json)
                ?? throw new InputException(path, 0, "expected evaluation settings (JSON object), found null");
        }
        catch (JsonException ex)
        {
            throw new InputException(path, 0, $"expected evaluation settings (JSON), found: {ex.Message}");
        }
    }
}
