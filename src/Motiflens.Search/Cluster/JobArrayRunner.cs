using System.Globalization;
using System.Text;
using Motiflens.IO;

namespace Motiflens.Search.Cluster;

/// <summary>
/// Runs <see cref="ClusterTask"/>s as Slurm job arrays: one <c>sbatch --array=0-(n-1)</c> per batch, whose generated
/// script maps <c>SLURM_ARRAY_TASK_ID</c> to a task's motiflens command; then watches the queue with squeue until every
/// task has written its result file. A task that ends without its result is submitted again (all such tasks of one
/// look at the queue in one new array) up to <see cref="SlurmOptions.Retries"/> times, then reported failed with its
/// Slurm state, exit code and the last lines of its log. Cancelling (Ctrl-C) or any error cancels the outstanding jobs
/// with scancel.
/// </summary>
/// <remarks>
/// The work directory receives the batch scripts (<c>array-*.sh</c>), Slurm's own output of each array task
/// (<c>slurm-JOB_TASK.out</c>, normally empty: the task's output goes to its log) and a ledger of every submission
/// (<c>jobs.tsv</c>). A runner started again on the same work directory (after the process driving it died) adopts the
/// tasks whose jobs are still pending or running instead of submitting them twice, and skips tasks whose result exists.
/// </remarks>
public sealed class JobArrayRunner
{
    private const string LedgerFile = "jobs.tsv";
    /// <summary>How long squeue may fail in a row (a controller restarting) before the run gives up.</summary>
    private static readonly TimeSpan QueueOutageTolerated = TimeSpan.FromMinutes(10);

    private readonly SlurmOptions _options;
    private readonly string _workDirectory;
    private readonly SlurmClient _client;
    private readonly IReadOnlyList<string> _command;

    /// <param name="options">Resources, retries and polling.</param>
    /// <param name="workDirectory">Scripts, Slurm output and the ledger (on the shared filesystem).</param>
    /// <param name="client">The Slurm commands (default: the real ones on PATH).</param>
    public JobArrayRunner(SlurmOptions options, string workDirectory, SlurmClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workDirectory);
        _options = options.Validated();
        _workDirectory = Path.GetFullPath(workDirectory);
        _client = client ?? new SlurmClient();
        _command = options.Command ?? MotiflensInvocation.Current();
    }

    /// <summary>
    /// Runs every task to its end and returns the outcomes in task order; <paramref name="completed"/> is called once per
    /// task as soon as it succeeds or finally fails, on the calling thread.
    /// </summary>
    public IReadOnlyList<ClusterTaskOutcome> Run(IReadOnlyList<ClusterTask> tasks, Action<ClusterTaskOutcome> completed,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(completed);
        CheckIds(tasks);
        Directory.CreateDirectory(_workDirectory);
        var slots = tasks.Select(t => new Slot(t)).ToArray();
        var open = new List<Slot>();
        foreach (var slot in slots)
        {
            if (File.Exists(slot.Task.ResultPath))
            {
                Finish(slot, new ClusterTaskOutcome(slot.Task, true, 0, null, null), completed);
            }
            else
            {
                open.Add(slot);
            }
        }

        bool finished = false;
        try
        {
            var fresh = Adopt(open, progress);
            Submit(fresh, progress);
            DateTime? queueDownSince = null;
            while (open.Any(s => s.Outcome is null))
            {
                if (cancellationToken.WaitHandle.WaitOne(_options.PollInterval))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var active = open.Where(s => s.Outcome is null).ToArray();
                var queue = _client.Queue(active.Select(s => s.ArrayJobId!).Distinct().ToArray());
                if (queue is null)
                {
                    queueDownSince ??= DateTime.UtcNow;
                    if (DateTime.UtcNow - queueDownSince > QueueOutageTolerated)
                    {
                        throw new InvalidOperationException($"squeue has failed for {QueueOutageTolerated.TotalMinutes} minutes; is the Slurm controller up?");
                    }

                    progress?.Report("squeue did not answer; trying again");
                    continue;
                }

                queueDownSince = null;
                var again = new List<Slot>();
                foreach (var slot in active)
                {
                    if (Look(slot, queue) is { } failure)
                    {
                        if (slot.Attempts <= _options.Retries)
                        {
                            progress?.Report($"{slot.Task.Id}: attempt {slot.Attempts} failed ({failure}); submitting it again");
                            again.Add(slot);
                        }
                        else
                        {
                            Finish(slot, new ClusterTaskOutcome(slot.Task, false, slot.Attempts, failure, slot.TaskJobId), completed);
                        }
                    }
                    else if (slot.Outcome is null && File.Exists(slot.Task.ResultPath))
                    {
                        Finish(slot, new ClusterTaskOutcome(slot.Task, true, slot.Attempts, null, slot.TaskJobId), completed);
                    }
                }

                Submit(again, progress);
            }

            finished = true;
        }
        finally
        {
            if (!finished)
            {
                var outstanding = open.Where(s => s.Outcome is null && s.TaskJobId is not null).Select(s => s.TaskJobId!).ToArray();
                _client.Cancel(outstanding);
            }
        }

        return slots.Select(s => s.Outcome!).ToArray();
    }

    /// <summary>The failure of the slot's current attempt, or null while it runs or once it succeeded.</summary>
    private string? Look(Slot slot, IReadOnlyDictionary<string, SlurmTaskState> queue)
    {
        if (File.Exists(slot.Task.ResultPath))
        {
            return null;
        }

        queue.TryGetValue(slot.TaskJobId!, out var state);
        if (state is { IsActive: true })
        {
            slot.EndedAt = null;
            return null;
        }

        // Gone from the queue or ended without a result: a result may still be on its way through the shared filesystem.
        if (state is null || state.State == "COMPLETED")
        {
            slot.EndedAt ??= DateTime.UtcNow;
            if (DateTime.UtcNow - slot.EndedAt < _options.ResultGrace)
            {
                return null;
            }
        }

        slot.EndedAt = null;
        var what = new StringBuilder();
        if (state is null)
        {
            what.Append("left the Slurm queue");
        }
        else
        {
            what.Append(state.State);
            if (state.Reason is { Length: > 0 } r && r != "None")
            {
                what.Append(" (").Append(r).Append(')');
            }

            if (_client.ExitCode(slot.TaskJobId!) is { } code)
            {
                what.Append(", exit code ").Append(code);
            }
        }

        what.Append(CultureInfo.InvariantCulture, $" without writing {Path.GetFileName(slot.Task.ResultPath)}; job {slot.TaskJobId}, attempt {slot.Attempts}");
        if (LogTail(slot) is { Length: > 0 } tail)
        {
            what.Append("; log: ").Append(tail);
        }

        return what.ToString();
    }

    /// <summary>Slots whose job from an earlier run is still pending or running are watched again; the others are returned.</summary>
    private List<Slot> Adopt(List<Slot> open, IProgress<string>? progress)
    {
        var ledger = ReadLedger();
        var candidates = open.Where(s => ledger.ContainsKey(s.Task.Id)).ToArray();
        var queue = candidates.Length == 0 ? null
            : _client.Queue(candidates.Select(s => ledger[s.Task.Id].ArrayJobId).Distinct().ToArray());
        var fresh = new List<Slot>();
        foreach (var slot in open)
        {
            if (queue is not null && ledger.TryGetValue(slot.Task.Id, out var entry)
                && queue.TryGetValue($"{entry.ArrayJobId}_{entry.Index}", out var state) && state.IsActive)
            {
                slot.ArrayJobId = entry.ArrayJobId;
                slot.TaskJobId = $"{entry.ArrayJobId}_{entry.Index}";
                slot.Attempts = entry.Attempt;
                progress?.Report($"{slot.Task.Id}: job {slot.TaskJobId} from the earlier run is {state.State.ToLowerInvariant()}; watching it");
            }
            else
            {
                fresh.Add(slot);
            }
        }

        return fresh;
    }

    private void Submit(List<Slot> slots, IProgress<string>? progress)
    {
        for (int start = 0; start < slots.Count; start += _options.MaxArraySize)
        {
            var batch = slots.GetRange(start, Math.Min(_options.MaxArraySize, slots.Count - start));
            foreach (var slot in batch)
            {
                slot.Attempts++;
            }

            var script = Path.Combine(_workDirectory, $"array-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}.sh");
            AtomicFile.WriteAllText(script, Script(batch));
            var args = new List<string>
            {
                $"--array=0-{batch.Count - 1}",
                "--job-name=" + _options.JobName,
                "--output=" + Path.Combine(_workDirectory, "slurm-%A_%a.out"),
                "--cpus-per-task=" + _options.Cpus.ToString(CultureInfo.InvariantCulture),
            };
            AddIf(args, "--mem=", _options.Memory);
            AddIf(args, "--time=", _options.Time);
            AddIf(args, "--partition=", _options.Partition);
            AddIf(args, "--account=", _options.Account);
            args.AddRange(_options.ExtraArguments);
            args.Add(script);
            var job = _client.Submit(args);
            var ledger = new StringBuilder();
            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].ArrayJobId = job;
                batch[i].TaskJobId = $"{job}_{i}";
                batch[i].EndedAt = null;
                ledger.Append(CultureInfo.InvariantCulture, $"{job}\t{i}\t{batch[i].Task.Id}\t{batch[i].Attempts}\n");
            }

            AppendToLedger(ledger.ToString());
            progress?.Report($"submitted job array {job} ({batch.Count} {(batch.Count == 1 ? "task" : "tasks")})");
        }
    }

    /// <summary>Appends lines to the ledger, first ending a line that a killed driver left unfinished.</summary>
    private void AppendToLedger(string lines)
    {
        var path = Path.Combine(_workDirectory, LedgerFile);
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                stream.WriteByte((byte)'\n');
            }
        }

        stream.Seek(0, SeekOrigin.End);
        stream.Write(Encoding.UTF8.GetBytes(lines));
        stream.Flush(flushToDisk: true);
    }

    private static void AddIf(List<string> args, string flag, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            args.Add(flag + value);
        }
    }

    /// <summary>The batch script of one array: a case over the task index that sets the task's log and command.</summary>
    private string Script(IReadOnlyList<Slot> batch)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append("# Written by motiflens: one job-array task per case below (index -> task id, attempt, log, command).\n");
        s.Append("set -u\n");
        s.Append("case \"${SLURM_ARRAY_TASK_ID:-}\" in\n");
        for (int i = 0; i < batch.Count; i++)
        {
            var t = batch[i].Task;
            s.Append(CultureInfo.InvariantCulture, $"  {i}) id={Quote(t.Id)}; attempt={batch[i].Attempts}; log={Quote(Path.GetFullPath(t.LogPath))}\n");
            s.Append("     set -- ").Append(string.Join(' ', _command.Concat(t.Arguments).Select(Quote))).Append(" ;;\n");
        }

        s.Append("  *) echo \"motiflens: no task '${SLURM_ARRAY_TASK_ID:-}' in $0\" >&2; exit 2 ;;\n");
        s.Append("esac\n");
        s.Append("mkdir -p -- \"$(dirname -- \"$log\")\"\n");
        s.Append("printf '== %s attempt %s: job %s_%s on %s at %s\\n' \"$id\" \"$attempt\" \"${SLURM_ARRAY_JOB_ID:-?}\" \"$SLURM_ARRAY_TASK_ID\" \"$(hostname)\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >>\"$log\"\n");
        s.Append("\"$@\" >>\"$log\" 2>&1\n");
        return s.ToString();
    }

    /// <summary>A word for bash in single quotes.</summary>
    internal static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private string? LogTail(Slot slot)
    {
        foreach (var path in new[] { slot.Task.LogPath, Path.Combine(_workDirectory, $"slurm-{slot.TaskJobId}.out") })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                // The last attempt's lines: those after the last header the batch script wrote.
                var all = File.ReadAllLines(path);
                int header = Array.FindLastIndex(all, l => l.StartsWith("== ", StringComparison.Ordinal));
                var lines = all.Skip(header + 1).Where(l => l.Trim().Length > 0).ToArray();
                if (lines.Length > 0)
                {
                    return string.Join(" / ", lines.Skip(Math.Max(0, lines.Length - _options.LogTailLines)).Select(l => l.Trim()));
                }
            }
            catch (IOException)
            {
                // A log we cannot read only makes the reason shorter.
            }
        }

        return null;
    }

    private sealed record LedgerEntry(string ArrayJobId, int Index, int Attempt);

    /// <summary>The last submission of every task id in the ledger.</summary>
    private Dictionary<string, LedgerEntry> ReadLedger()
    {
        var entries = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        var path = Path.Combine(_workDirectory, LedgerFile);
        if (!File.Exists(path))
        {
            return entries;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var f = line.Split('\t');
            // A line cut short by a kill is incomplete; its job id alone cannot be trusted.
            if (f.Length == 4 && int.TryParse(f[1], CultureInfo.InvariantCulture, out int index) && int.TryParse(f[3], CultureInfo.InvariantCulture, out int attempt))
            {
                entries[f[2]] = new LedgerEntry(f[0], index, attempt);
            }
        }

        return entries;
    }

    private static void CheckIds(IReadOnlyList<ClusterTask> tasks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tasks)
        {
            ArgumentNullException.ThrowIfNull(t);
            if (t.Id.Length == 0 || !t.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw new ArgumentException($"task id '{t.Id}' must be letters, digits, '.', '_' or '-'");
            }

            if (!seen.Add(t.Id))
            {
                throw new ArgumentException($"task id '{t.Id}' appears twice");
            }
        }
    }

    private static void Finish(Slot slot, ClusterTaskOutcome outcome, Action<ClusterTaskOutcome> completed)
    {
        slot.Outcome = outcome;
        completed(outcome);
    }

    private sealed class Slot(ClusterTask task)
    {
        public ClusterTask Task { get; } = task;

        public int Attempts { get; set; }

        public string? ArrayJobId { get; set; }

        public string? TaskJobId { get; set; }

        public DateTime? EndedAt { get; set; }

        public ClusterTaskOutcome? Outcome { get; set; }
    }
}
