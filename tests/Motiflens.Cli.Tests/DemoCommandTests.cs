using Motiflens.Cli.Commands;

namespace Motiflens.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public void Demo_RunsEveryStepAndWritesItsOutputs()
    {
        var dir = CliHarness.TempDir();
        try
        {
            var outDir = Path.Combine(dir, "demo");
            var r = CliHarness.Run("demo", "--out", outDir, "--n", "2000", "--epochs", "3", "--min-auroc", "0", "--threads", "1");
            Assert.True(r.ExitCode == 0, r.Stderr);
            foreach (var file in new[]
            {
                "code.npz", "population/population.json", "population/models/bn-exponential-none-s0/model/weights.npz",
                "length-weights.json", "saliency.npy", "filters.meme", "core-motifs.meme",
                "population-report.html", "search-report.html", "model-report.html",
            })
            {
                Assert.True(File.Exists(Path.Combine(outDir, file)), $"missing {file}");
            }

            Assert.Equal(8, File.ReadLines(Path.Combine(outDir, "population", "population.tsv")).Count() - 1);
            Assert.Contains("step 3/12: motiflens calibrate", r.Stderr);
            Assert.Contains("step 9/12: motiflens search", r.Stderr);
            Assert.EndsWith($"report: {Path.Combine(outDir, "population-report.html")}", r.Stderr.TrimEnd());
            Assert.True(File.Exists(Path.Combine(outDir, "search", "history.jsonl")), "missing search/history.jsonl");
            Assert.Equal(16, File.ReadLines(Path.Combine(outDir, "search", "history.jsonl")).Count(l => l.Length > 0));
            Assert.Contains("K = ", r.Stdout + r.Stderr);

            Assert.True(File.Exists(Path.Combine(outDir, ".motiflens-demo")), "missing the demo marker");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Demo_ReplacesTheFolderOfAnEarlierDemo()
    {
        var dir = CliHarness.TempDir();
        try
        {
            var outDir = Path.Combine(dir, "demo");
            DemoCommand.PrepareFolder(outDir);
            File.WriteAllText(Path.Combine(outDir, "stale.npz"), "from the earlier demo");
            DemoCommand.PrepareFolder(outDir);
            Assert.False(File.Exists(Path.Combine(outDir, "stale.npz")));
            Assert.True(File.Exists(Path.Combine(outDir, ".motiflens-demo")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Demo_RefusesAFolderThatIsNotAnEarlierDemo()
    {
        var dir = CliHarness.TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "precious.txt"), "keep me");
            var r = CliHarness.Run("demo", "--out", dir, "--n", "600");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("not an earlier demo", r.Stderr);
            Assert.True(File.Exists(Path.Combine(dir, "precious.txt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
