using System.Text.Json;
using System.Text.Json.Serialization;
using Motiflens.IO;

namespace Motiflens.Search.Evaluation;

/// <summary>
/// The file protocol between a search and whatever evaluates its children: the task is <c>child.json</c> in the
/// child's own directory, the outcome <c>result.json</c> next to it (both written atomically). The local evaluator
/// uses it so that an interrupted child's finished result is found again; a Slurm evaluator reads the same files.
/// </summary>
public static class ChildFiles
{
    public const string TaskFile = "child.json";
    public const string ResultFile = "result.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The directory of trial <paramref name="trial"/> under <paramref name="root"/> (child-00012).</summary>
    public static string Directory(string root, int trial) => Path.Combine(root, $"child-{trial:D5}");

    public static void WriteTask(string directory, ChildTask task)
    {
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, TaskFile), JsonSerializer.Serialize(task, Json));
    }

    public static ChildTask ReadTask(string directory) => Read<ChildTask>(Path.Combine(directory, TaskFile));

    public static void WriteResult(string directory, ChildOutcome outcome)
    {
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, ResultFile), JsonSerializer.Serialize(outcome, Json));
    }

    /// <summary>The outcome in <paramref name="directory"/>, or null when the child has not finished.</summary>
    public static ChildOutcome? TryReadResult(string directory)
    {
        var path = Path.Combine(directory, ResultFile);
        return File.Exists(path) ? Read<ChildOutcome>(path) : null;
    }

    private static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InputException(path, 0, "expected a JSON object, found null");
        }
        catch (JsonException ex)
        {
            throw new InputException(path, 0, $"expected a {typeof(T).Name} (JSON), found: {ex.Message}");
        }
    }
}
