using System.Text.Json;
using Motiflens.Tests.Shared;

namespace Motiflens.Cli.Tests;

/// <summary>Populations whose members run as one job array on a real Slurm cluster (.ci/slurm/start.sh in CI).</summary>
[Collection("Slurm")]
public class SlurmPopulationTests
{
    private static readonly string[] Ids = ["bn-relu-none-s4", "bn-exponential-none-s4", "nobn-relu-none-s4", "nobn-exponential-none-s4"];

    private static string[] Population(string data, string grid, string outDir) =>
        ["population", "--data", data, "--grid", grid, "--out", outDir, "--seed", "4"];

    private static string[] OnSlurm(string command) =>
        ["--executor", "slurm", "--slurm-cpus", "1", "--slurm-poll", "0.3", "--motiflens-command", command];

    /// <summary>population.tsv without the train_seconds column (the only value that depends on where and when a member ran).</summary>
    private static string[] Comparable(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "population.tsv"));
        int seconds = Array.IndexOf(lines[0].Split('\t'), "train_seconds");
        Assert.True(seconds > 0);
        return lines.Select(l => string.Join('\t', l.Split('\t').Where((_, i) => i != seconds))).ToArray();
    }

    private static string[] Ledger(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "slurm", "jobs.tsv")).Select(l => l.Split('\t')[2]).ToArray();

    private static string Row(string dir, string id) =>
        File.ReadAllLines(Path.Combine(dir, "population.tsv")).Single(l => l.StartsWith(id + "\t", StringComparison.Ordinal));

    [SlurmFact]
    public void Population_OnSlurm_WritesTheSameTablesAsLocalAndKeepsEachMembersLog()
    {
        var dir = CliHarness.TempDir();
        var data = PopulationCommandTests.Data(dir);
        var grid = PopulationCommandTests.Grid(dir);
        var local = Path.Combine(dir, "local");
        var slurm = Path.Combine(dir, "slurm");
        var result = CliHarness.Run([.. Population(data, grid, local), "--threads", "1"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        result = CliHarness.Run([.. Population(data, grid, slurm), .. OnSlurm(MotiflensProcess.Executable), "--json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using (var summary = JsonDocument.Parse(result.Stdout))
        {
            Assert.Equal(4, summary.RootElement.GetProperty("ok").GetInt32());
        }

        // Same members, same order, same metrics as one thread per model locally.
        var table = Comparable(slurm);
        Assert.Equal(5, table.Length);
        Assert.Equal(Ids, table.Skip(1).Select(l => l.Split('\t')[0]));
        Assert.Equal(Comparable(local), table);
        using (var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(local, "population.json"))))
        using (var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(slurm, "population.json"))))
        {
            Assert.Equal(a.RootElement.GetProperty("matched_pairs").ToString(), b.RootElement.GetProperty("matched_pairs").ToString());
        }

        // One array of four tasks; each member's log has its one attempt and what population-member printed.
        Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("slurm: submitted job array", StringComparison.Ordinal) && l.EndsWith("(4 tasks)", StringComparison.Ordinal));
        Assert.Equal(Ids.Order(), Ledger(slurm).Order());
        foreach (var id in Ids)
        {
            var log = File.ReadAllLines(Path.Combine(slurm, "models", id, "job.log"));
            Assert.StartsWith($"== {id} attempt 1: job ", log[0], StringComparison.Ordinal);
            Assert.Contains(log, l => l.StartsWith(id + ": AUROC ", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(slurm, "models", id, "model", "weights.npz")));
            Assert.False(File.Exists(Path.Combine(local, "models", id, "job.log")));
        }

        // Resuming a finished population submits nothing and keeps the table.
        result = CliHarness.Run([.. Population(data, grid, slurm), .. OnSlurm(MotiflensProcess.Executable), "--resume"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("continuing: 4 of 4 models already finished", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("submitted job array", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(table, Comparable(slurm));
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Population_OnSlurm_MemberWhoseJobCrashes_IsFailedWithTheSlurmReason_AndResumeRunsOnlyIt()
    {
        var dir = CliHarness.TempDir();
        var data = PopulationCommandTests.Data(dir);
        var grid = PopulationCommandTests.Grid(dir);
        // The "motiflens" of the jobs: crashes for one member, the real program for the others.
        var wrapper = Path.Combine(dir, "crashing-motiflens.sh");
        File.WriteAllText(wrapper, $"""
            #!/bin/sh
            case "$*" in *nobn-relu-none-s4*) echo "simulated crash of nobn-relu" >&2; exit 7 ;; esac
            exec '{MotiflensProcess.Executable}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var pop = Path.Combine(dir, "pop");
        var result = CliHarness.Run([.. Population(data, grid, pop), .. OnSlurm(wrapper), "--slurm-retries", "1", "--json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using (var summary = JsonDocument.Parse(result.Stdout))
        {
            Assert.Equal(3, summary.RootElement.GetProperty("ok").GetInt32());
            Assert.Equal(1, summary.RootElement.GetProperty("failed").GetInt32());
        }

        var header = File.ReadAllLines(Path.Combine(pop, "population.tsv"))[0].Split('\t').ToList();
        var failed = Row(pop, "nobn-relu-none-s4").Split('\t');
        Assert.Equal("failed", failed[header.IndexOf("status")]);
        var reason = failed[header.IndexOf("reason")];
        Assert.StartsWith("slurm: FAILED", reason, StringComparison.Ordinal);
        Assert.Contains("exit code 7", reason, StringComparison.Ordinal);
        Assert.Contains("attempt 2", reason, StringComparison.Ordinal);
        Assert.EndsWith("log: simulated crash of nobn-relu", reason, StringComparison.Ordinal);
        Assert.Equal("", failed[header.IndexOf("test_auroc")]);
        Assert.Contains("nobn-relu-none-s4: attempt 1 failed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(pop, "models", "nobn-relu-none-s4", "job.log")).Count(l => l.StartsWith("== nobn-relu-none-s4 attempt ", StringComparison.Ordinal)));
        Assert.False(File.Exists(Path.Combine(pop, "models", "nobn-relu-none-s4", "result.json")));
        foreach (var id in Ids.Where(i => i != "nobn-relu-none-s4"))
        {
            Assert.Equal("ok", Row(pop, id).Split('\t')[header.IndexOf("status")]);
        }

        // --resume with a working command runs only the failed member; the finished results are not touched.
        var finished = Ids.Where(i => i != "nobn-relu-none-s4").Select(i => Path.Combine(pop, "models", i, "result.json"))
            .ToDictionary(p => p, p => (File.ReadAllText(p), File.GetLastWriteTimeUtc(p)));
        result = CliHarness.Run([.. Population(data, grid, pop), .. OnSlurm(MotiflensProcess.Executable), "--resume"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("continuing: 3 of 4 models already finished", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("(1 task)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("ok", Row(pop, "nobn-relu-none-s4").Split('\t')[header.IndexOf("status")]);
        foreach (var (path, (text, time)) in finished)
        {
            Assert.Equal(text, File.ReadAllText(path));
            Assert.Equal(time, File.GetLastWriteTimeUtc(path));
        }

        // Four first attempts, the retry, and the resumed run's one submission.
        Assert.Equal(["nobn-relu-none-s4", "nobn-relu-none-s4"], Ledger(pop).Skip(4));
        Directory.Delete(dir, true);
    }

    [SlurmFact]
    public void Population_OnSlurm_DriverKilledWhileJobsRun_ResumeWatchesThemAndSubmitsEachMemberOnce()
    {
        var dir = CliHarness.TempDir();
        var data = PopulationCommandTests.Data(dir);
        var grid = PopulationCommandTests.Grid(dir);
        var pop = Path.Combine(dir, "pop");
        string[] args = [.. Population(data, grid, pop), .. OnSlurm(MotiflensProcess.Executable)];
        using (var driver = MotiflensProcess.Start(args))
        {
            // kill -9 as soon as the job array is in the ledger (its jobs are pending or running).
            var ledger = Path.Combine(pop, "slurm", "jobs.tsv");
            bool Recorded() => File.Exists(ledger) && File.ReadAllText(ledger) is var text && text.EndsWith('\n') && text.Count(c => c == '\n') == 4;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!Recorded() && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(20);
            }

            Assert.True(Recorded());
            driver.Kill(entireProcessTree: true);
            driver.WaitForExit();
        }

        var resumed = CliHarness.Run([.. args, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.DoesNotContain("submitted job array", resumed.Stderr, StringComparison.Ordinal);
        Assert.Equal(Ids.Order(), Ledger(pop).Order());
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(pop, "population.json")));
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(Ids, models.Select(m => m.GetProperty("id").GetString()));
        Assert.All(models, m => Assert.Equal("ok", m.GetProperty("status").GetString()));
        Directory.Delete(dir, true);
    }
}
