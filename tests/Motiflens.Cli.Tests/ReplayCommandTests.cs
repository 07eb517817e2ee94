using System.Text.Json;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Cli.Tests;

public class ReplayCommandTests
{
    private const string SpaceYaml = """
        name: tiny
        input: {length: 60}
        layers:
          - [{type: conv1d, filters: 3, kernel_size: [6, 10, 14]}]
          - [{type: flatten}, {type: globalmaxpool1d}]
        output: {type: dense, units: 1, activation: sigmoid}
        """;

    /// <summary>Writes a space and a 2-replicate grid history where option 0 is best for L and the last for K.</summary>
    private static (string Space, string History) Fixture(string dir)
    {
        var spacePath = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(spacePath, SpaceYaml);
        var space = ModelSpaceReader.Load(spacePath);
        var historyPath = Path.Combine(dir, "grid.jsonl");
        using var writer = SearchHistoryWriter.Open(historyPath);
        int trial = 0;
        foreach (var a in space.Enumerate())
        {
            for (int r = 0; r < 2; r++)
            {
                double l = 0.3 + 0.1 * (a[0] + a[1]) + 0.001 * r;
                double k = 0.5 + 0.3 * (2 - a[0]) + 0.3 * (1 - a[1]);
                writer.Append(new ChildRecord { Trial = trial++, Replicate = r, Tokens = a.Tokens.ToArray(), Layers = space.LayerStrings(a), Loss = l, Knowledge = k, Reward = -(l + k) });
            }
        }

        return (spacePath, historyPath);
    }

    [Fact]
    public void Replay_Json_ReportsGoldStandardAndConvergencePerLambda()
    {
        var dir = CliHarness.TempDir();
        var (space, history) = Fixture(dir);
        var result = CliHarness.Run("replay", "--history", history, "--space", space, "--lambda", "0.001,1000", "--runs", "6",
            "--episodes", "40", "--threads", "2", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var lambdas = doc.RootElement.GetProperty("lambdas");
        Assert.Equal(2, lambdas.GetArrayLength());
        Assert.Equal(0.001, lambdas[0].GetProperty("lambda").GetDouble());
        Assert.Equal("conv1d(filters=3,kernel=6,relu)", lambdas[0].GetProperty("gold_standard")[0].GetString());
        Assert.Equal("globalmaxpool1d", lambdas[1].GetProperty("gold_standard")[1].GetString());
        double fraction = lambdas[0].GetProperty("converged_fraction").GetDouble();
        Assert.InRange(lambdas[0].GetProperty("gold_standard_support").GetDouble(), 0, 1);
        Assert.InRange(fraction, 0, 1);
        Assert.True(lambdas[1].GetProperty("mean_loss_rank").GetDouble() > lambdas[0].GetProperty("mean_loss_rank").GetDouble());
        Assert.True(lambdas[1].GetProperty("mean_k_rank").GetDouble() < lambdas[0].GetProperty("mean_k_rank").GetDouble());
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("--lambda", "1,abc", "'abc'")]
    [InlineData("--advantage", "median", "'median'")]
    [InlineData("--controller-lr", "-0.1", "--controller-lr must be positive")]
    [InlineData("--reward-estimate", "mean", "--reward-estimate: expected median or child, found 'mean'")]
    [InlineData("--elites", "-1", "--elites must be 0 or more; got -1")]
    public void Replay_BadOption_IsExitTwoWithOneLine(string option, string value, string message)
    {
        var dir = CliHarness.TempDir();
        var (space, history) = Fixture(dir);
        var result = CliHarness.Run("replay", "--history", history, "--space", space, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Empty(result.Stdout);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Replay_ControllerOverrides_ReportTopConvergedArchitectures()
    {
        var dir = CliHarness.TempDir();
        var (space, history) = Fixture(dir);
        var result = CliHarness.Run("replay", "--history", history, "--space", space, "--lambda", "1000", "--runs", "4",
            "--episodes", "30", "--controller-lr", "0.02", "--entropy-weight", "0.01", "--advantage", "std", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var top = doc.RootElement.GetProperty("lambdas")[0].GetProperty("top_converged");
        Assert.InRange(top.GetArrayLength(), 1, 3);
        Assert.Equal(2, top[0].GetProperty("layers").GetArrayLength());
        double sum = top.EnumerateArray().Sum(c => c.GetProperty("fraction").GetDouble());
        Assert.InRange(sum, 0.25, 1.0);
        Assert.Contains("of runs converged to", result.Stderr, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Replay_MissingHistory_IsExitTwoNamingTheFile()
    {
        var dir = CliHarness.TempDir();
        var (space, _) = Fixture(dir);
        var missing = Path.Combine(dir, "nope.jsonl");
        var result = CliHarness.Run("replay", "--history", missing, "--space", space);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Replay_ReadsBioNasTrainHistoryCsv()
    {
        var csv = Path.Combine(AppContext.BaseDirectory, "TestData", "search", "bionas_train_history.csv");
        var space = Path.Combine(FindRepoRoot(), "examples", "spaces", "bionas-216.yaml");
        var result = CliHarness.Run("replay", "--history", csv, "--space", space, "--lambda", "1", "--runs", "2", "--episodes", "3", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var first = doc.RootElement.GetProperty("lambdas")[0];
        Assert.Equal(3, first.GetProperty("architectures").GetInt32());

        // Gold standard at λ = 1: row 1 (L 0.35 + K 0.8 = 1.15) beats the replicated architecture (median 0.3056 + 1.1173).
        Assert.Equal("denovo(filters=3,kernel=14)", first.GetProperty("gold_standard")[0].GetString());
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Motiflens.slnx")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
