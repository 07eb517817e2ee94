namespace Motiflens.Cli.Tests;

public class SearchResumeTests
{
    [Fact]
    public void Search_KilledAtRandomPointsAndResumed_RecordsEachTrialOnceAndEqualsAnUninterruptedRun()
    {
        var dir = CliHarness.TempDir();
        string[] common =
        [
            "search", "--space", Path.Combine(MotiflensProcess.Examples, "spaces", "bionas-216.yaml"),
            "--executor", "replay", "--replay-history", Path.Combine(MotiflensProcess.Examples, "histories", "myc-216-grid-seed1.jsonl"),
            "--episodes", "50", "--children-per-episode", "4", "--lambda", "1", "--seed", "11",
        ];
        var reference = Path.Combine(dir, "reference");
        Assert.Equal(0, CliHarness.Run([.. common, "--out", reference]).ExitCode);

        // kill -9 after a random time, resume, again and again; then let it finish.
        var run = Path.Combine(dir, "run");
        var rng = new Random(2024);
        int kills = 0;
        while (true)
        {
            bool started = File.Exists(Path.Combine(run, "search.json"));
            using var process = MotiflensProcess.Start(started ? [.. common, "--out", run, "--resume"] : [.. common, "--out", run]);
            if (kills < 6 && !process.WaitForExit(rng.Next(250, 800)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                kills++;
                continue;
            }

            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.Equal(0, process.ExitCode);
            break;
        }

        Assert.True(kills >= 5, $"only {kills} kills landed before the search ended");
        var expected = File.ReadAllLines(Path.Combine(reference, "history.jsonl"));
        var actual = File.ReadAllLines(Path.Combine(run, "history.jsonl"));
        Assert.Equal(200, expected.Length);
        Assert.Equal(expected, actual);
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "controller.json")), File.ReadAllText(Path.Combine(run, "controller.json")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Search_ResumeDir_RestoresTheOptionsTheRunWasStartedWith()
    {
        var dir = CliHarness.TempDir();
        var run = Path.Combine(dir, "run");
        string[] first =
        [
            "search", "--space", Path.Combine(MotiflensProcess.Examples, "spaces", "bionas-216.yaml"),
            "--executor", "replay", "--replay-history", Path.Combine(MotiflensProcess.Examples, "histories", "myc-216-grid-seed2.jsonl"),
            "--children-per-episode", "3", "--lambda", "0.5", "--seed", "7", "--out", run,
        ];
        Assert.Equal(0, CliHarness.Run([.. first, "--episodes", "2"]).ExitCode);
        var resumed = CliHarness.Run("search", "--resume", run, "--episodes", "4", "--json");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resuming: 6 children recorded, 2 of 4 episodes done", resumed.Stderr, StringComparison.Ordinal);

        var straight = Path.Combine(dir, "straight");
        Assert.Equal(0, CliHarness.Run([.. first[..^2], "--out", straight, "--episodes", "4"]).ExitCode);
        Assert.Equal(File.ReadAllLines(Path.Combine(straight, "history.jsonl")), File.ReadAllLines(Path.Combine(run, "history.jsonl")));

        // A changed setting still refuses to resume; two different folders are refused too.
        var changed = CliHarness.Run("search", "--resume", run, "--lambda", "2");
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("started with lambda = 0.5; cannot resume with 2", changed.Stderr, StringComparison.Ordinal);
        var twoFolders = CliHarness.Run("search", "--resume", run, "--out", straight);
        Assert.Equal(2, twoFolders.ExitCode);
        Assert.Contains("name different folders", twoFolders.Stderr, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }
}
