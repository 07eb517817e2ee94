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
            var r = CliHarness.Run("demo", "--out", outDir, "--n", "600", "--epochs", "1", "--threads", "1");
            Assert.True(r.ExitCode == 0, r.Stderr);
            foreach (var file in new[] { "code.npz", "model/weights.npz", "model/model.json", "saliency.npy", "filters.meme", "core-motifs.meme" })
            {
                Assert.True(File.Exists(Path.Combine(outDir, file)), $"missing {file}");
            }

            Assert.Contains("step 7/9: motiflens decode", r.Stderr);
            Assert.Contains("step 9/9: motiflens search", r.Stderr);
            Assert.True(File.Exists(Path.Combine(outDir, "search", "history.jsonl")), "missing search/history.jsonl");
            Assert.Equal(16, File.ReadLines(Path.Combine(outDir, "search", "history.jsonl")).Count(l => l.Length > 0));
            Assert.Contains("K = ", r.Stdout + r.Stderr);

            // A second run replaces the earlier demo's folder.
            var again = CliHarness.Run("demo", "--out", outDir, "--n", "600", "--epochs", "1", "--threads", "1");
            Assert.Equal(0, again.ExitCode);
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
