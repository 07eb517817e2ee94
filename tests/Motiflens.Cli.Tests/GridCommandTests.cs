using System.Text.Json;
using Motiflens.Search.History;

namespace Motiflens.Cli.Tests;

public class GridCommandTests
{
    [Fact]
    public void Grid_TrainsEveryArchitectureRTimesAndRecordsInvalidOnesAsFailed()
    {
        var dir = CliHarness.TempDir();
        var (_, data, motifs) = SearchCommandTests.Fixture(dir);
        var space = Path.Combine(dir, "grid.yaml");
        File.WriteAllText(space, """
            input: {length: 40}
            layers:
              - [{type: conv1d, filters: 3, kernel_size: [6, 36]}]
              - [{type: maxpool1d, pool_size: 8}]
              - [{type: flatten}]
            output: {type: dense, units: 1, activation: sigmoid}
            """);
        var outDir = Path.Combine(dir, "grid");
        var result = CliHarness.Run("grid", "--space", space, "--data", data, "--knowledge", motifs, "--replicates", "2", "--epochs", "1",
            "--out", outDir, "--json");
        Assert.Equal(0, result.ExitCode);
        var records = SearchHistory.Read(Path.Combine(outDir, "history.jsonl")).Records;
        Assert.Equal([0, 1, 2, 3], records.Select(r => r.Trial).Order());
        Assert.Equal(2, records.Count(r => r.IsOk));
        Assert.All(records.Where(r => !r.IsOk), r => Assert.Equal([1, 0, 0], r.Tokens));
        Assert.Equal([0, 1], records.Where(r => r.IsOk).Select(r => r.Replicate).Order());
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("failed").GetInt32());

        // Running again finds everything recorded and trains nothing; so does --resume DIR with the saved options.
        var again = CliHarness.Run("grid", "--space", space, "--data", data, "--replicates", "2", "--epochs", "1", "--out", outDir);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(4, SearchHistory.Read(Path.Combine(outDir, "history.jsonl")).Records.Count);
        var resumed = CliHarness.Run("grid", "--resume", outDir, "--json");
        Assert.Equal(0, resumed.ExitCode);
        using (var doc2 = JsonDocument.Parse(resumed.Stdout))
        {
            Assert.Equal(4, doc2.RootElement.GetProperty("children").GetInt32());
        }

        // Other replicates would renumber the trials: refused.
        var other = CliHarness.Run("grid", "--resume", outDir, "--replicates", "3");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("started with replicates = 2; cannot resume with 3", other.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, SearchHistory.Read(Path.Combine(outDir, "history.jsonl")).Records.Count);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Grid_RecordsTrainingAttemptsAndRejectsNegativeRestarts()
    {
        var dir = CliHarness.TempDir();
        var (_, data, _) = SearchCommandTests.Fixture(dir);
        var space = Path.Combine(dir, "one.yaml");
        File.WriteAllText(space, """
            input: {length: 40}
            layers:
              - [{type: conv1d, filters: 3, kernel_size: 6}]
              - [{type: globalmaxpool1d}]
            output: {type: dense, units: 1, activation: sigmoid}
            """);
        var bad = CliHarness.Run("grid", "--space", space, "--data", data, "--replicates", "1", "--restarts", "-1", "--out", Path.Combine(dir, "bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--restarts", bad.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "bad")));
        bad = CliHarness.Run("grid", "--space", space, "--data", data, "--replicates", "1", "--restart-margin", "1.5", "--out", Path.Combine(dir, "bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--restart-margin must be in [0, 1)", bad.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "bad")));

        var outDir = Path.Combine(dir, "grid");
        var result = CliHarness.Run("grid", "--space", space, "--data", data, "--replicates", "1", "--epochs", "1", "--restarts", "0", "--out", outDir);
        Assert.Equal(0, result.ExitCode);
        var record = Assert.Single(SearchHistory.Read(Path.Combine(outDir, "history.jsonl")).Records);
        Assert.Equal(1, record.Metrics["attempts"]);
        Directory.Delete(dir, true);
    }
}
