using System.Globalization;
using System.Text.Json;
using Motiflens.IO;
using Motiflens.Search.Evaluation;
using Motiflens.Search.History;

namespace Motiflens.Search;

/// <summary>
/// The folder of one search or grid run and every file in it: <c>search.json</c> (the settings a resume must match),
/// <c>command.json</c> (the arguments it was started with), <c>evaluation.json</c> (what a child's evaluation needs,
/// read by cluster workers), <c>history.jsonl</c>, <c>controller.json</c> and <c>episode.json</c> (controller state and
/// the pending episode), <c>children/child-NNNNN/</c> (one per trial), <c>slurm/</c> (job scripts and the job ledger)
/// and <c>best/</c> (copies of the best models).
/// </summary>
public sealed class RunDirectory
{
    public const string HistoryFile = "history.jsonl";
    public const string SettingsFile = "search.json";
    public const string CommandFile = "command.json";
    public const string EvaluationFile = "evaluation.json";

    public RunDirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
    }

    public string Path { get; }

    public string HistoryPath => System.IO.Path.Combine(Path, HistoryFile);

    public string SettingsPath => System.IO.Path.Combine(Path, SettingsFile);

    public string CommandPath => System.IO.Path.Combine(Path, CommandFile);

    public string EvaluationPath => System.IO.Path.Combine(Path, EvaluationFile);

    /// <summary>Controller state (see <see cref="ArchitectureSearch.StatePath"/>).</summary>
    public string ControllerPath => ArchitectureSearch.StatePath(Path);

    /// <summary>One directory per child (<see cref="ChildFiles.Directory"/>).</summary>
    public string ChildrenPath => System.IO.Path.Combine(Path, "children");

    /// <summary>Batch scripts, Slurm output and the ledger of submitted jobs.</summary>
    public string ClusterPath => System.IO.Path.Combine(Path, "slurm");

    public string BestPath => System.IO.Path.Combine(Path, "best");

    /// <summary>Whether the folder holds a history with at least one record (or a cut-off line).</summary>
    public bool HasHistory => File.Exists(HistoryPath) && new FileInfo(HistoryPath).Length > 0;

    public string ChildDirectory(int trial) => ChildFiles.Directory(ChildrenPath, trial);

    /// <summary>
    /// Starts a new run here (creating the folder and writing <paramref name="settings"/>), or, when
    /// <paramref name="resuming"/>, checks that the saved settings equal <paramref name="settings"/>. A setting missing
    /// from an older run's file counts as <paramref name="unrecorded"/>[key] (the behaviour before it was recorded).
    /// Refuses to start a second run in a folder that already has a history.
    /// </summary>
    public void Prepare(IReadOnlyDictionary<string, object> settings, bool resuming, IReadOnlyDictionary<string, string>? unrecorded = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (resuming)
        {
            if (!File.Exists(SettingsPath))
            {
                throw new InputException(SettingsPath, 0, $"no run to resume here ({SettingsFile} is missing); run without --resume first");
            }

            Dictionary<string, JsonElement> saved;
            try
            {
                saved = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(SettingsPath)) ?? [];
            }
            catch (JsonException ex)
            {
                throw new InputException(SettingsPath, 0, $"expected the run's settings (JSON object), found: {ex.Message}");
            }

            foreach (var (key, value) in settings)
            {
                var now = JsonSerializer.SerializeToElement(value).ToString();
                string? was = saved.TryGetValue(key, out var before) ? before.ToString()
                    : unrecorded is not null && unrecorded.TryGetValue(key, out var old) ? old : null;
                if (was != now)
                {
                    throw new InputException(SettingsPath, key, $"the run was started with {key} = {was ?? "(unset)"}; cannot resume with {now}");
                }
            }

            return;
        }

        if (HasHistory)
        {
            throw new InputException(Path, 0, $"already holds a run ({HistoryFile}); pass --resume to continue it or choose another --out");
        }

        Directory.CreateDirectory(Path);
        SaveSettings(settings);
    }

    /// <summary>Writes the settings a resume must match (<see cref="Prepare"/> checks them).</summary>
    public void SaveSettings(IReadOnlyDictionary<string, object> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AtomicFile.WriteAllText(SettingsPath, JsonSerializer.Serialize(settings));
    }

    /// <summary>Records the arguments the run was started with, so <c>--resume DIR</c> can supply the ones not repeated.</summary>
    public void SaveCommand(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        AtomicFile.WriteAllText(CommandPath, JsonSerializer.Serialize(arguments) + "\n");
    }

    /// <summary>The arguments saved by <see cref="SaveCommand"/>, or null for runs started before they were saved.</summary>
    public IReadOnlyList<string>? LoadCommand()
    {
        if (!File.Exists(CommandPath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(File.ReadAllText(CommandPath))
                ?? throw new InputException(CommandPath, 0, "expected a JSON array of arguments, found null");
        }
        catch (JsonException ex)
        {
            throw new InputException(CommandPath, 0, $"expected a JSON array of arguments, found: {ex.Message}");
        }
    }

    /// <summary>
    /// Copies the model files of <paramref name="best"/> into best/1, best/2, ... and writes best/best.jsonl (children that
    /// have no directory, such as replayed ones, get only their line).
    /// </summary>
    public void CopyBestModels(IReadOnlyList<ChildRecord> best)
    {
        ArgumentNullException.ThrowIfNull(best);
        for (int i = 0; i < best.Count; i++)
        {
            var source = ChildDirectory(best[i].Trial);
            if (!Directory.Exists(source))
            {
                continue;
            }

            var target = System.IO.Path.Combine(BestPath, (i + 1).ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(source))
            {
                var bytes = File.ReadAllBytes(file);
                AtomicFile.Write(System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)), s => s.Write(bytes));
            }
        }

        AtomicFile.WriteAllText(System.IO.Path.Combine(BestPath, "best.jsonl"), string.Concat(best.Select(r => SearchHistory.ToJsonLine(r) + "\n")));
    }
}
