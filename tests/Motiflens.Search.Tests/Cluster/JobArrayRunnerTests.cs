using System.Diagnostics;
using Motiflens.IO;
using Motiflens.Search.Cluster;
using Motiflens.Tests.Shared;

namespace Motiflens.Search.Tests.Cluster;

public class JobArrayRunnerTests
{
    /// <summary>Tasks are shell snippets here: the "motiflens command" is /bin/sh -c.</summary>
    private static SlurmOptions Options(int retries = 0) => new()
    {
        Command = ["/bin/sh", "-c"],
        Retries = retries,
        PollInterval = TimeSpan.FromMilliseconds(200),
        ResultGrace = TimeSpan.FromSeconds(1),
        JobName = "motiflens-test",
    };

    /// <summary>A task that runs <paramref name="script"/> then, when <paramref name="writes"/>, writes its result atomically.</summary>
    private static ClusterTask Task(string dir, string id, string script, bool writes = true)
    {
        var result = Path.Combine(dir, id, "result.txt");
        var write = writes ? $"; echo {id} > '{result}.tmp' && mv '{result}.tmp' '{result}'" : "";
        return new ClusterTask(id, [$"mkdir -p '{Path.Combine(dir, id)}'; {script}{write}"], result, Path.Combine(dir, id, "job.log"));
    }

    [SlurmFact]
    public void Run_TasksThatWriteTheirResults_SucceedInOneArrayWithTheirLogs()
    {
        var dir = TestPaths.TempDir();
        var tasks = Enumerable.Range(0, 3).Select(i => Task(dir, $"t{i}", $"echo hello from {i}")).ToArray();
        var seen = new List<string>();
        var outcomes = new JobArrayRunner(Options(), Path.Combine(dir, "slurm")).Run(tasks, o => seen.Add(o.Task.Id), null, CancellationToken.None);

        Assert.Equal(["t0", "t1", "t2"], outcomes.Select(o => o.Task.Id));
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.All(outcomes, o => Assert.Equal(1, o.Attempts));
        Assert.Equal(["t0", "t1", "t2"], seen.Order());
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal($"t{i}", File.ReadAllText(tasks[i].ResultPath).Trim());
            var log = File.ReadAllLines(tasks[i].LogPath);
            Assert.StartsWith($"== t{i} attempt 1: job ", log[0], StringComparison.Ordinal);
            Assert.Equal($"hello from {i}", log[1]);
        }

        // One array of three tasks, indices 0..2, recorded in the ledger.
        var ledger = File.ReadAllLines(Path.Combine(dir, "slurm", "jobs.tsv")).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(3, ledger.Length);
        Assert.Single(ledger.Select(f => f[0]).Distinct());
        Assert.Equal(["0", "1", "2"], ledger.Select(f => f[1]));
        Assert.Equal(outcomes.Select(o => o.JobId), ledger.Select(f => $"{f[0]}_{f[1]}"));
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Run_FailingTask_IsRetriedThenReportedWithStateExitCodeAndLog()
    {
        var dir = TestPaths.TempDir();
        var marker = Path.Combine(dir, "flaky-ran-once");
        var tasks = new[]
        {
            Task(dir, "broken", "echo first line; echo 'boom: no such thing' >&2; exit 3", writes: false),
            // Fails on its first attempt only.
            Task(dir, "flaky", $"if [ ! -e '{marker}' ]; then touch '{marker}'; exit 1; fi"),
            Task(dir, "silent", "true", writes: false),
        };
        var messages = new List<string>();
        var outcomes = new JobArrayRunner(Options(retries: 1), Path.Combine(dir, "slurm"))
            .Run(tasks, _ => { }, new Sync(messages.Add), CancellationToken.None);

        var broken = outcomes[0];
        Assert.False(broken.Succeeded);
        Assert.Equal(2, broken.Attempts);
        Assert.Contains("FAILED", broken.FailureReason!, StringComparison.Ordinal);
        Assert.Contains("exit code 3", broken.FailureReason!, StringComparison.Ordinal);
        Assert.Contains("attempt 2", broken.FailureReason!, StringComparison.Ordinal);
        Assert.EndsWith("log: first line / boom: no such thing", broken.FailureReason!, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(tasks[0].LogPath).Count(l => l.StartsWith("== broken attempt ", StringComparison.Ordinal)));

        Assert.True(outcomes[1].Succeeded);
        Assert.Equal(2, outcomes[1].Attempts);

        // Exit 0 without the result file is a failure too.
        Assert.False(outcomes[2].Succeeded);
        Assert.Contains("COMPLETED", outcomes[2].FailureReason!, StringComparison.Ordinal);
        Assert.Contains("without writing result.txt", outcomes[2].FailureReason!, StringComparison.Ordinal);

        // Three tasks in the first array, and each failed first attempt went out once more.
        var submitted = messages.Where(m => m.StartsWith("submitted job array", StringComparison.Ordinal)).ToArray();
        Assert.EndsWith("(3 tasks)", submitted[0], StringComparison.Ordinal);
        Assert.Equal(6, submitted.Sum(m => int.Parse(m.Split('(')[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Run_TaskWhoseResultExists_IsNotSubmitted()
    {
        var dir = TestPaths.TempDir();
        var task = Task(dir, "done", "exit 9");
        Directory.CreateDirectory(Path.GetDirectoryName(task.ResultPath)!);
        File.WriteAllText(task.ResultPath, "from before");
        var outcome = Assert.Single(new JobArrayRunner(Options(), Path.Combine(dir, "slurm")).Run([task], _ => { }, null, CancellationToken.None));
        Assert.True(outcome.Succeeded);
        Assert.Equal(0, outcome.Attempts);
        Assert.Null(outcome.JobId);
        Assert.False(File.Exists(Path.Combine(dir, "slurm", "jobs.tsv")));
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Run_Cancelled_CancelsTheOutstandingJobs()
    {
        var dir = TestPaths.TempDir();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var messages = new List<string>();
        Assert.ThrowsAny<OperationCanceledException>(() => new JobArrayRunner(Options(), Path.Combine(dir, "slurm"))
            .Run([Task(dir, "long", "sleep 120")], _ => { }, new Sync(messages.Add), cts.Token));
        var job = File.ReadAllText(Path.Combine(dir, "slurm", "jobs.tsv")).Split('\t')[0];

        string state = "";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            state = new SlurmClient().Queue([job])!.TryGetValue(job + "_0", out var s) ? s.State : "gone";
            if (state is "CANCELLED" or "gone")
            {
                break;
            }

            Thread.Sleep(200);
        }

        Assert.Contains(state, new[] { "CANCELLED", "gone" });
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Run_AfterTheDriverDied_WatchesItsStillRunningJobInsteadOfSubmittingAgain()
    {
        var dir = TestPaths.TempDir();
        var work = Path.Combine(dir, "slurm");
        var task = Task(dir, "slow", "sleep 4");
        // The first driver "dies" after a second: it stops watching and, like a killed process, cancels nothing.
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => new JobArrayRunner(Options(), work, new NoCancel()).Run([task], _ => { }, null, cts.Token));
        }

        var messages = new List<string>();
        var outcome = Assert.Single(new JobArrayRunner(Options(), work).Run([task], _ => { }, new Sync(messages.Add), CancellationToken.None));
        Assert.True(outcome.Succeeded);
        Assert.Equal(1, outcome.Attempts);
        Assert.Contains(messages, m => m.StartsWith("slow: job ", StringComparison.Ordinal) && m.Contains(" from the earlier run is ", StringComparison.Ordinal) && m.EndsWith("; watching it", StringComparison.Ordinal));
        Assert.Single(File.ReadAllLines(Path.Combine(work, "jobs.tsv")));
        Assert.Single(File.ReadAllLines(task.LogPath), l => l.StartsWith("== slow attempt", StringComparison.Ordinal));
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Run_RejectedSubmission_IsInputExceptionWithSlurmsReason()
    {
        var dir = TestPaths.TempDir();
        var ex = Assert.Throws<InputException>(() => new JobArrayRunner(Options() with { Partition = "no-such-partition" }, Path.Combine(dir, "slurm"))
            .Run([Task(dir, "t", "true")], _ => { }, null, CancellationToken.None));
        Assert.StartsWith("sbatch rejected the job array: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("partition", ex.Message, StringComparison.OrdinalIgnoreCase);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Run_WithoutSbatch_IsInputExceptionNamingTheCommand()
    {
        var dir = TestPaths.TempDir();
        var client = new SlurmClient(Path.Combine(dir, "no-slurm-here"));
        var ex = Assert.Throws<InputException>(() => new JobArrayRunner(Options(), Path.Combine(dir, "slurm"), client)
            .Run([Task(dir, "t", "true")], _ => { }, null, CancellationToken.None));
        Assert.Contains("no-slurm-here/sbatch not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--executor slurm needs the Slurm commands", ex.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Run_DuplicateOrUnsafeTaskIds_AreRejectedBeforeAnySubmission()
    {
        var dir = TestPaths.TempDir();
        var runner = new JobArrayRunner(Options(), Path.Combine(dir, "slurm"), new SlurmClient(Path.Combine(dir, "none")));
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => runner.Run([Task(dir, "a", "true"), Task(dir, "a", "true")], _ => { }, null, CancellationToken.None)).Message, StringComparison.Ordinal);
        Assert.Contains("letters, digits", Assert.Throws<ArgumentException>(() => runner.Run([Task(dir, "a b", "true")], _ => { }, null, CancellationToken.None)).Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Quote_SingleQuotesSurviveBash()
    {
        Assert.Equal("'it'\\''s'", JobArrayRunner.Quote("it's"));
        Assert.Equal("'$HOME \"x\"'", JobArrayRunner.Quote("$HOME \"x\""));
    }

    private sealed class NoCancel : SlurmClient
    {
        public override void Cancel(IReadOnlyCollection<string> jobIds)
        {
        }
    }

    private sealed class Sync(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
