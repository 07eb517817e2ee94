using System.Globalization;
using Motiflens.Search.Cluster;

namespace Motiflens.Search.Population;

/// <summary>
/// Runs the members of a population as one Slurm job array (<see cref="JobArrayRunner"/>, work directory
/// <c>DIR/slurm</c>): each array task runs <c>motiflens population-member --task DIR/models/ID/task.json --threads
/// CPUS</c>, which writes <c>result.json</c> next to the task, and appends its output to <c>DIR/models/ID/job.log</c>.
/// population.tsv/json are rewritten as each member finishes. A member whose job keeps failing is in the table as
/// <c>failed</c> with the Slurm reason, but gets no result.json, so a later <c>--resume</c> submits it again; jobs of a
/// driver that died are adopted from the runner's ledger instead of being submitted twice.
/// </summary>
public static class PopulationSlurmRunner
{
    /// <summary>The hidden CLI command an array task runs for one member.</summary>
    public const string WorkerCommand = "population-member";

    /// <summary>Each member's job log, next to task.json and result.json.</summary>
    public const string LogFile = "job.log";

    /// <summary>The folder of the job-array runner (batch scripts, Slurm output, ledger) in the population directory.</summary>
    public const string ClusterFolder = "slurm";

    /// <summary>
    /// The motiflens arguments that run the member whose task.json is <paramref name="taskPath"/> with
    /// <paramref name="threads"/> engine threads (its result appears as result.json next to the task).
    /// </summary>
    public static IReadOnlyList<string> Arguments(string taskPath, int threads) =>
        [WorkerCommand, "--task", taskPath, "--threads", threads.ToString(CultureInfo.InvariantCulture)];

    /// <summary>
    /// Runs the planned <paramref name="tasks"/> (from <see cref="PopulationRunner.Plan"/>) on Slurm, each member with
    /// <see cref="SlurmOptions.Cpus"/> threads (the same results as a local run with that many threads per model), and
    /// returns the final table. <paramref name="messages"/> receives submissions, retries and queue trouble;
    /// <paramref name="client"/> runs the Slurm commands (default: the real ones on PATH); cancelling scancels the
    /// outstanding jobs and throws.
    /// </summary>
    public static PopulationTable Run(string directory, string gridName, IReadOnlyList<PopulationTask> tasks, SlurmOptions slurm,
        IProgress<PopulationProgress>? progress = null, IProgress<string>? messages = null, SlurmClient? client = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(slurm);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("no tasks to run", nameof(tasks));
        }

        directory = Path.GetFullPath(directory);
        var runner = new JobArrayRunner(slurm, Path.Combine(directory, ClusterFolder), client);
        var order = tasks.Select((t, i) => (t.Member.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var byId = tasks.ToDictionary(t => t.Member.Id, StringComparer.Ordinal);
        var done = new Dictionary<string, PopulationRow>(StringComparer.Ordinal);
        var pending = PopulationRunner.WriteTasks(directory, tasks);
        foreach (var task in tasks.Except(pending))
        {
            var row = PopulationFiles.TryReadResult(PopulationFiles.MemberDirectory(directory, task.Member.Id))!;
            done[task.Member.Id] = Checked(row, task);
        }

        string data = tasks[0].Data;
        int queued = pending.Count;
        PopulationTable Snapshot() => PopulationTable.Of(data, gridName, done.Values.OrderBy(r => order[r.Id]).ToList());
        void Report(PopulationRow? last) =>
            progress?.Report(new PopulationProgress(done.Count, tasks.Count, done.Values.Count(r => !r.Ok), queued, last));

        Snapshot().Save(directory);
        Report(null);
        if (pending.Count == 0)
        {
            return Snapshot();
        }

        var clusterTasks = pending.Select(task =>
        {
            var dir = PopulationFiles.MemberDirectory(directory, task.Member.Id);
            return new ClusterTask(task.Member.Id, Arguments(Path.Combine(dir, PopulationFiles.TaskFile), slurm.Cpus),
                Path.Combine(dir, PopulationFiles.ResultFile), Path.Combine(dir, LogFile));
        }).ToList();

        // The runner calls back on this thread, one member at a time.
        runner.Run(clusterTasks, outcome =>
        {
            var task = byId[outcome.Task.Id];
            var row = outcome.Succeeded
                ? Checked(PopulationFiles.TryReadResult(Path.GetDirectoryName(outcome.Task.ResultPath)!), task)
                : Failed(task, $"slurm: {outcome.FailureReason}");
            queued--;
            done[row.Id] = row;
            Snapshot().Save(directory);
            Report(row);
        }, messages, cancellationToken);

        return Snapshot();
    }

    /// <summary>The member's row from its result.json, or a failed row when the file is missing or belongs to another member.</summary>
    private static PopulationRow Checked(PopulationRow? row, PopulationTask task) => row switch
    {
        null => Failed(task, "slurm: the job succeeded but result.json is gone"),
        { } r when r.Id != task.Member.Id => Failed(task, $"slurm: result.json belongs to member '{r.Id}'"),
        { } r => r,
    };

    private static PopulationRow Failed(PopulationTask task, string reason) => new()
    {
        Id = task.Member.Id,
        BatchNorm = task.Member.BatchNorm,
        Activation = task.Member.Activation,
        Regularization = task.Member.Regularization,
        Seed = task.Member.Seed,
        Ok = false,
        Reason = reason,
    };
}
