using Motiflens.Genomics.Datasets;
using Motiflens.IO;

namespace Motiflens.Search.Population;

/// <summary>
/// Trains, attributes and scores every member of a <see cref="PopulationGrid"/> on this machine,
/// <see cref="PopulationRunOptions.Jobs"/> at a time. Every task is written to its own directory first (the same
/// files a Slurm executor would run), members with a result.json are skipped, and population.tsv/json are
/// rewritten atomically after each finished member, so a run killed at any moment resumes where it stopped.
/// </summary>
public static class PopulationRunner
{
    /// <summary>
    /// The tasks of <paramref name="grid"/> on <paramref name="dataset"/> (loaded from <paramref name="dataPath"/>),
    /// checked against what <paramref name="directory"/> already holds. Nothing is written. Bad data, a non-empty
    /// directory without <see cref="PopulationRunOptions.Resume"/>, or a directory started with other settings is an
    /// <see cref="InputException"/>.
    /// </summary>
    public static IReadOnlyList<PopulationTask> Plan(string directory, PopulationGrid grid, string dataPath, SequenceDataset dataset, PopulationRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Jobs < 1 || options.ThreadsPerModel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "jobs and threads per model must be at least 1");
        }

        IReadOnlyList<PopulationTask> tasks;
        try
        {
            tasks = grid.Tasks(options.Seed, Path.GetFullPath(dataPath), dataset.Length);
        }
        catch (ArgumentException ex)
        {
            // A base model that does not fit the data (too short for its pools) or has no first-layer activation to vary.
            throw new InputException($"{dataPath}: grid '{grid.Name}' cannot be applied: {ex.Message}");
        }

        PopulationMemberRunner.CheckData(dataset, tasks[0].Spec);
        if (File.Exists(directory))
        {
            throw new InputException(directory, 0, "exists and is a file, not a population directory");
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !options.Resume)
        {
            throw new InputException(directory, 0, "output directory exists and is not empty; use --resume to continue it");
        }

        foreach (var task in tasks)
        {
            var path = Path.Combine(PopulationFiles.MemberDirectory(directory, task.Member.Id), PopulationFiles.TaskFile);
            if (File.Exists(path) && File.ReadAllText(path) != PopulationFiles.TaskJson(task))
            {
                throw new InputException(path, "task", "was written with other settings (grid, seed, epochs or data); resume with the original options or use a new --out");
            }
        }

        return tasks;
    }

    /// <summary>
    /// Writes every task's task.json (for this process or an external executor such as Slurm: run
    /// <c>motiflens population-member --task DIR/models/ID/task.json</c> per task, then <c>population --resume</c>
    /// collects the results) and returns the tasks that have no result.json yet.
    /// </summary>
    public static IReadOnlyList<PopulationTask> WriteTasks(string directory, IReadOnlyList<PopulationTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var pending = new List<PopulationTask>();
        foreach (var task in tasks)
        {
            var dir = PopulationFiles.MemberDirectory(directory, task.Member.Id);
            PopulationFiles.WriteTask(dir, task);
            if (!File.Exists(Path.Combine(dir, PopulationFiles.ResultFile)))
            {
                pending.Add(task);
            }
        }

        return pending;
    }

    /// <summary>
    /// Runs the planned <paramref name="tasks"/> (from <see cref="Plan"/>) in <paramref name="directory"/> and returns
    /// the final table. A member's result depends on its task and <see cref="PopulationRunOptions.ThreadsPerModel"/>
    /// only, not on how many run at once.
    /// </summary>
    public static PopulationTable Run(string directory, string gridName, IReadOnlyList<PopulationTask> tasks, SequenceDataset dataset, PopulationRunOptions options,
        IProgress<PopulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("no tasks to run", nameof(tasks));
        }

        var order = tasks.Select((t, i) => (t.Member.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var done = new Dictionary<string, PopulationRow>(StringComparer.Ordinal);
        var pending = WriteTasks(directory, tasks);
        foreach (var task in tasks.Except(pending))
        {
            var row = PopulationFiles.TryReadResult(PopulationFiles.MemberDirectory(directory, task.Member.Id))!;
            done[row.Id] = row;
        }

        var gate = new Lock();
        int running = 0;
        string data = tasks[0].Data;
        PopulationTable Snapshot() => PopulationTable.Of(data, gridName, done.Values.OrderBy(r => order[r.Id]).ToList());
        void Report(PopulationRow? last) =>
            progress?.Report(new PopulationProgress(done.Count, tasks.Count, done.Values.Count(r => !r.Ok), running, last));

        lock (gate)
        {
            Snapshot().Save(directory);
            Report(null);
        }

        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancellationToken }, task =>
        {
            lock (gate)
            {
                running++;
                Report(null);
            }

            var dir = PopulationFiles.MemberDirectory(directory, task.Member.Id);
            var row = PopulationMemberRunner.Run(task, dir, options.ThreadsPerModel, dataset, null, cancellationToken);
            lock (gate)
            {
                running--;
                done[row.Id] = row;
                Snapshot().Save(directory);
                Report(row);
            }
        });

        lock (gate)
        {
            return Snapshot();
        }
    }
}
