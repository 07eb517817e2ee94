using Motiflens.Search.History;
using Motiflens.Tests.Shared;

namespace Motiflens.Cli.Tests;

/// <summary>Searches whose children run as job arrays on a real Slurm cluster (.ci/slurm/start.sh in CI).</summary>
[Collection("Slurm")]
public class SlurmSearchTests
{
    /// <summary>A tiny simulated MYC task for the 216 space (200 sequences of 200 nt).</summary>
    private static string TinyData(string dir)
    {
        var data = Path.Combine(dir, "tiny.npz");
        Assert.Equal(0, CliHarness.Run("simulate", "--n", "200", "--seed", "1", "--out", data).ExitCode);
        return data;
    }

    private static string[] Search(string data, int episodes, int children) =>
    [
        "search", "--space", Path.Combine(MotiflensProcess.Examples, "spaces", "bionas-216.yaml"), "--data", data,
        "--episodes", episodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--children-per-episode", children.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--epochs", "2", "--batch-size", "32", "--threads", "1", "--seed", "4",
    ];

    /// <summary>The history without wall times (the only field that depends on where and when a child ran).</summary>
    private static string[] Comparable(string run) =>
        SearchHistory.Read(Path.Combine(run, "history.jsonl")).Records.OrderBy(r => r.Trial).Select(r => SearchHistory.ToJsonLine(r with { WallSeconds = 0 })).ToArray();

    [SlurmFact]
    public void Search_OnSlurm_RecordsTheSameHistoryAsLocalAndKeepsEachChildsLog()
    {
        var dir = CliHarness.TempDir();
        var data = TinyData(dir);
        var local = Path.Combine(dir, "local");
        var slurm = Path.Combine(dir, "slurm");
        Assert.Equal(0, CliHarness.Run([.. Search(data, 2, 4), "--out", local]).ExitCode);
        var result = CliHarness.Run([.. Search(data, 2, 4), "--out", slurm, "--executor", "slurm", "--slurm-poll", "0.3",
            "--motiflens-command", MotiflensProcess.Executable]);
        Assert.Equal(0, result.ExitCode);

        Assert.Equal(8, Comparable(slurm).Length);
        Assert.Equal(Comparable(local), Comparable(slurm));
        // One job array per episode, and every child's log shows its one attempt and its result.
        Assert.Equal(2, result.Stderr.Split('\n').Count(l => l.StartsWith("slurm: submitted job array", StringComparison.Ordinal) && l.EndsWith("(4 tasks)", StringComparison.Ordinal)));
        for (int trial = 0; trial < 8; trial++)
        {
            var log = File.ReadAllLines(Path.Combine(slurm, "children", $"child-{trial:D5}", "job.log"));
            Assert.StartsWith($"== child-{trial:D5} attempt 1: job ", log[0], StringComparison.Ordinal);
            Assert.StartsWith($"child {trial} (episode {trial / 4}, ", log[1], StringComparison.Ordinal);
            Assert.Contains(log, l => l.StartsWith("done in ", StringComparison.Ordinal));
        }

        Assert.True(File.Exists(Path.Combine(slurm, "best", "1", "weights.npz")));
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Search_OnSlurm_DriverKilledWhileJobsRun_ResumeWatchesThemAndRecordsEachChildOnce()
    {
        var dir = CliHarness.TempDir();
        var data = TinyData(dir);
        var run = Path.Combine(dir, "run");
        string[] args = [.. Search(data, 2, 3), "--out", run, "--executor", "slurm", "--slurm-poll", "0.3", "--motiflens-command", MotiflensProcess.Executable];
        using (var driver = MotiflensProcess.Start(args))
        {
            // kill -9 as soon as the first job array is in the ledger (its jobs are pending or running).
            var ledger = Path.Combine(run, "slurm", "jobs.tsv");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(ledger) && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(20);
            }

            Assert.True(File.Exists(ledger));
            driver.Kill(entireProcessTree: true);
            driver.WaitForExit();
        }

        var resumed = CliHarness.Run("search", "--resume", run);
        Assert.Equal(0, resumed.ExitCode);
        var records = SearchHistory.Read(Path.Combine(run, "history.jsonl")).Records;
        Assert.Equal([0, 1, 2, 3, 4, 5], records.Select(r => r.Trial).Order());
        Assert.All(records, r => Assert.True(r.IsOk, r.Reason));
        // Every child was submitted exactly once: the first episode's jobs were watched again (or had finished), not resubmitted.
        var submitted = File.ReadAllLines(Path.Combine(run, "slurm", "jobs.tsv")).Select(l => l.Split('\t')[2]).ToArray();
        Assert.Equal(Enumerable.Range(0, 6).Select(t => $"child-{t:D5}"), submitted.Order());
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Search_OnSlurm_ChildThatCrashes_IsRetriedThenRecordedFailedAndTheSearchGoesOn()
    {
        var dir = CliHarness.TempDir();
        var data = TinyData(dir);
        // The "motiflens" of the jobs: crashes for child 1, the real program for every other child.
        var wrapper = Path.Combine(dir, "crashing-motiflens.sh");
        File.WriteAllText(wrapper, $"""
            #!/bin/sh
            case "$*" in *child-00001*) echo "simulated crash of child 1" >&2; exit 7 ;; esac
            exec '{MotiflensProcess.Executable}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var run = Path.Combine(dir, "run");
        var result = CliHarness.Run([.. Search(data, 2, 2), "--out", run, "--executor", "slurm", "--slurm-poll", "0.3", "--slurm-retries", "1",
            "--motiflens-command", wrapper]);
        Assert.Equal(0, result.ExitCode);

        var records = SearchHistory.Read(Path.Combine(run, "history.jsonl")).Records.OrderBy(r => r.Trial).ToArray();
        Assert.Equal([0, 1, 2, 3], records.Select(r => r.Trial));
        var failed = records[1];
        Assert.Equal(ChildStatus.Failed, failed.Status);
        Assert.StartsWith("slurm: FAILED", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("exit code 7", failed.Reason!, StringComparison.Ordinal);
        Assert.Contains("attempt 2", failed.Reason!, StringComparison.Ordinal);
        Assert.EndsWith("log: simulated crash of child 1", failed.Reason!, StringComparison.Ordinal);
        Assert.All(records.Where(r => r.Trial != 1), r => Assert.True(r.IsOk));
        Assert.Contains("child-00001: attempt 1 failed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "children", "child-00001", "job.log")).Count(l => l.StartsWith("== child-00001 attempt ", StringComparison.Ordinal)));
        Directory.Delete(dir, true);
    }
}
