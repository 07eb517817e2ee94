using System.Globalization;
using Motiflens.Search.Cluster;

namespace Motiflens.Search.Evaluation;

/// <summary>
/// Evaluates children as Slurm job arrays (one array per batch of children): each child's task is written to its
/// directory (child.json), and an array task runs the hidden worker command
/// <c>motiflens search-child --settings RUN/evaluation.json --child DIR --threads CPUS</c>, which trains it with the same
/// <see cref="ChildTrainer"/> as the local evaluator and writes result.json; its output goes to <c>DIR/job.log</c>.
/// A child whose job fails (crash, time limit, node failure) is retried, then recorded failed with the reason.
/// </summary>
public sealed class SlurmEvaluator : IChildEvaluator
{
    /// <summary>The hidden CLI command a job runs for one child.</summary>
    public const string WorkerCommand = "search-child";

    /// <summary>Each child's own log, next to child.json and result.json.</summary>
    public const string LogFile = "job.log";

    private readonly RunDirectory _run;
    private readonly SlurmOptions _options;
    private readonly JobArrayRunner _runner;
    private readonly IProgress<string>? _progress;

    /// <param name="run">The run folder; its evaluation.json must exist (workers read it).</param>
    /// <param name="options">Resources, retries, polling and the motiflens command on the nodes.</param>
    /// <param name="progress">Submissions, retries and queue problems, as text.</param>
    /// <param name="client">The Slurm commands (default: the real ones on PATH).</param>
    public SlurmEvaluator(RunDirectory run, SlurmOptions options, IProgress<string>? progress = null, SlurmClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        _run = run;
        _options = options;
        _runner = new JobArrayRunner(options, run.ClusterPath, client);
        _progress = progress;
    }

    public IReadOnlyList<ChildOutcome> Evaluate(IReadOnlyList<ChildTask> tasks, Action<ChildOutcome> completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(completed);
        var evaluation = Path.GetFullPath(_run.EvaluationPath);
        var byId = new Dictionary<string, ChildTask>(StringComparer.Ordinal);
        var clusterTasks = new List<ClusterTask>();
        foreach (var task in tasks)
        {
            var dir = Path.GetFullPath(_run.ChildDirectory(task.Trial));
            var result = Path.Combine(dir, ChildFiles.ResultFile);
            if (ChildTrainer.FinishedResult(dir, task) is null)
            {
                // Nothing but this task's own outcome may count as its result.
                if (File.Exists(result))
                {
                    File.Delete(result);
                }

                ChildFiles.WriteTask(dir, task);
            }

            var id = Path.GetFileName(dir);
            byId.Add(id, task);
            clusterTasks.Add(new ClusterTask(id,
                [WorkerCommand, "--settings", evaluation, "--child", dir, "--threads", _options.Cpus.ToString(CultureInfo.InvariantCulture)],
                result, Path.Combine(dir, LogFile)));
        }

        var outcomes = _runner.Run(clusterTasks, o => completed(ToChildOutcome(o, byId[o.Task.Id])), _progress, cancellationToken);
        return outcomes.Select(o => ToChildOutcome(o, byId[o.Task.Id])).ToArray();
    }

    private static ChildOutcome ToChildOutcome(ClusterTaskOutcome outcome, ChildTask task)
    {
        if (!outcome.Succeeded)
        {
            return ChildOutcome.Failed(task, $"slurm: {outcome.FailureReason}");
        }

        var dir = Path.GetDirectoryName(outcome.Task.ResultPath)!;
        return ChildTrainer.FinishedResult(dir, task)
            ?? ChildOutcome.Failed(task, $"slurm: {outcome.Task.ResultPath} is the result of another task (tokens or seed differ)");
    }
}
