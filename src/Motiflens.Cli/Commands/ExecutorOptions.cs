using System.CommandLine;
using System.Globalization;
using Motiflens.IO;
using Motiflens.Search;
using Motiflens.Search.Cluster;
using Motiflens.Search.Evaluation;

namespace Motiflens.Cli.Commands;

/// <summary>
/// Where children or population members are trained (shared by search, grid and population): <c>--executor local</c> (threads of this process),
/// <c>--executor slurm</c> (job arrays on a Slurm cluster, with the --slurm-* resources) or, for search only,
/// <c>--executor replay</c> (no training: each child's result is drawn from the recorded --replay-history).
/// </summary>
internal sealed class ExecutorOptions
{
    private readonly bool _allowReplay;
    private readonly Option<string> _executor;

    private readonly Option<string[]> _replayHistory = new("--replay-history")
    {
        Description = "--executor replay: recorded histories (e.g. from grid) whose results stand in for training (repeatable)",
    };

    /// <param name="allowReplay">Whether --executor replay exists (search only).</param>
    /// <param name="what">What is trained, for the help text ("children", "members").</param>
    /// <param name="parallelOption">The option that sets how many train at once locally.</param>
    public ExecutorOptions(bool allowReplay, string what = "children", string parallelOption = "--parallel")
    {
        _allowReplay = allowReplay;
        _executor = new Option<string>("--executor")
        {
            Description = allowReplay
                ? $"Where {what} are trained: local (this process, {parallelOption} at a time), slurm (one job array per batch; see docs/slurm.md) or replay (no training: results drawn from --replay-history)"
                : $"Where {what} are trained: local (this process, {parallelOption} at a time) or slurm (one job array per batch; see docs/slurm.md)",
            DefaultValueFactory = _ => "local",
        };
    }

    private readonly Option<int> _cpus = new("--slurm-cpus") { Description = "Slurm: CPUs per job (--cpus-per-task; each child or member trains with as many threads)", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> _memory = new("--slurm-mem") { Description = "Slurm: memory per job, as sbatch --mem takes it (e.g. 4G)" };
    private readonly Option<string?> _time = new("--slurm-time") { Description = "Slurm: time limit per job, as sbatch --time takes it (e.g. 02:00:00)" };
    private readonly Option<string?> _partition = new("--slurm-partition") { Description = "Slurm: partition (default: the cluster's default)" };
    private readonly Option<string?> _account = new("--slurm-account") { Description = "Slurm: account to charge" };

    private readonly Option<string[]> _extra = new("--slurm-arg")
    {
        Description = "Slurm: a further sbatch argument, passed as it is (repeatable, e.g. --slurm-arg=--qos=short)",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<int> _retries = new("--slurm-retries") { Description = "Slurm: submissions of a failed job again before its child or member is recorded as failed", DefaultValueFactory = _ => 2 };
    private readonly Option<double> _poll = new("--slurm-poll") { Description = "Slurm: seconds between two looks at the queue (squeue)", DefaultValueFactory = _ => 5.0 };

    private readonly Option<string?> _command = new("--motiflens-command")
    {
        Description = "Slurm: how a job starts motiflens on a compute node, words separated by spaces (default: this program, e.g. 'dotnet /path/motiflens.dll')",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _executor, _cpus, _memory, _time, _partition, _account, _extra, _retries, _poll, _command })
        {
            command.Options.Add(option);
        }

        if (_allowReplay)
        {
            command.Options.Add(_replayHistory);
        }
    }

    /// <summary>Whether --executor is slurm (checks the value).</summary>
    public bool IsSlurm(ParseResult parseResult) => Kind(parseResult) == "slurm";

    /// <summary>Whether --executor is replay (checks the value, and that --replay-history is given with it and only with it).</summary>
    public bool IsReplay(ParseResult parseResult)
    {
        bool replay = Kind(parseResult) == "replay";
        bool histories = _allowReplay && parseResult.GetValue(_replayHistory) is { Length: > 0 };
        if (replay != histories)
        {
            throw new InputException(replay ? "--executor replay needs --replay-history FILE" : "--replay-history is only used with --executor replay");
        }

        return replay;
    }

    /// <summary>The replay evaluator of --replay-history (only with --executor replay).</summary>
    public IChildEvaluator Replay(ParseResult parseResult, Search.Spaces.ModelSpace space) =>
        new ReplayEvaluator(ReplayCommand.LoadRecords(parseResult.GetValue(_replayHistory)!, space));

    private string Kind(ParseResult parseResult) => parseResult.GetValue(_executor)!.ToLowerInvariant() switch
    {
        "local" => "local",
        "slurm" => "slurm",
        "replay" when _allowReplay => "replay",
        var other => throw new InputException($"--executor: expected {(_allowReplay ? "local, slurm or replay" : "local or slurm")}, found '{other}'"),
    };

    /// <summary>Reads and checks the Slurm options (also when the executor is local, so typos fail before any output).</summary>
    public SlurmOptions Slurm(ParseResult parseResult)
    {
        double poll = parseResult.GetValue(_poll);
        if (!double.IsFinite(poll) || poll <= 0)
        {
            throw new InputException($"--slurm-poll must be a positive number of seconds; got {poll.ToString(CultureInfo.InvariantCulture)}");
        }

        var command = parseResult.GetValue(_command);
        return new SlurmOptions
        {
            Cpus = parseResult.GetValue(_cpus),
            Memory = parseResult.GetValue(_memory),
            Time = parseResult.GetValue(_time),
            Partition = parseResult.GetValue(_partition),
            Account = parseResult.GetValue(_account),
            ExtraArguments = parseResult.GetValue(_extra) ?? [],
            Retries = parseResult.GetValue(_retries),
            PollInterval = TimeSpan.FromSeconds(poll),
            ResultGrace = TimeSpan.FromSeconds(Math.Max(10, 3 * poll)),
            Command = command is null ? null : command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        }.Validated();
    }

    /// <summary>
    /// The evaluator the options choose. Local: a <see cref="LocalEvaluator"/> on <paramref name="trainer"/>. Slurm: a
    /// <see cref="SlurmEvaluator"/> whose jobs read the run's evaluation.json (written before).
    /// </summary>
    public IChildEvaluator Create(ParseResult parseResult, RunDirectory run, ChildTrainer trainer, int parallel, int threads)
    {
        var slurm = Slurm(parseResult);
        if (!IsSlurm(parseResult))
        {
            return new LocalEvaluator(trainer, run.ChildrenPath, parallel, threads);
        }

        return new SlurmEvaluator(run, slurm with { JobName = "motiflens-" + Path.GetFileName(Path.GetFullPath(run.Path).TrimEnd('/')) },
            new ReplayCommand.SyncReporter<string>(m => Output.Info("slurm: " + m)));
    }
}
