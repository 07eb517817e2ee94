using System.Text.Json;
using Motiflens.Genomics.Datasets;
using Motiflens.Search.History;

namespace Motiflens.Cli.Tests;

public class SearchCommandTests
{
    internal const string SpaceYaml = """
        name: tiny
        input: {length: 40}
        layers:
          - [{type: conv1d, filters: 4, kernel_size: [6, 9]}, {type: denovo, filters: 4, kernel_size: 6}]
          - [{type: identity}, {type: maxpool1d, pool_size: 4}]
          - [{type: globalmaxpool1d}, {type: flatten}]
        output: {type: dense, units: 1, activation: sigmoid}
        """;

    internal const string Meme = """
        MEME version 4

        ALPHABET= ACGT

        strands: + -

        Background letter frequencies
        A 0.25 C 0.25 G 0.25 T 0.25

        MOTIF GATA1 GATA

        letter-probability matrix: alength= 4 w= 6 nsites= 20 E= 0
        0.01 0.01 0.97 0.01
        0.97 0.01 0.01 0.01
        0.01 0.01 0.01 0.97
        0.97 0.01 0.01 0.01
        0.97 0.01 0.01 0.01
        0.01 0.01 0.97 0.01

        """;

    /// <summary>Writes the space, a motif file and a dataset whose positives carry GATAAG.</summary>
    internal static (string Space, string Data, string Motifs) Fixture(string dir)
    {
        var rng = new Random(1);
        DatasetSplit Split(string name, int n)
        {
            const int length = 40;
            var codes = new byte[n * length];
            var targets = new float[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < length; j++)
                {
                    codes[i * length + j] = (byte)rng.Next(4);
                }

                if (i % 2 == 0)
                {
                    byte[] motif = [2, 0, 3, 0, 0, 2];
                    motif.CopyTo(codes, i * length + rng.Next(length - 6));
                    targets[i] = 1;
                }
            }

            return new DatasetSplit(name, n, length, 1, codes, targets);
        }

        var data = Path.Combine(dir, "tiny.npz");
        new SequenceDataset([Split("train", 160), Split("valid", 40), Split("test", 40)]).Save(data);
        var space = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(space, SpaceYaml);
        var motifs = Path.Combine(dir, "gata.meme");
        File.WriteAllText(motifs, Meme);
        return (space, data, motifs);
    }

    [Fact]
    public void Search_ThenResume_RecordsEveryChildOnceAndWritesBestModels()
    {
        var dir = CliHarness.TempDir();
        var (space, data, motifs) = Fixture(dir);
        var outDir = Path.Combine(dir, "run");
        string[] common = ["search", "--space", space, "--data", data, "--knowledge", motifs, "--lambda", "1", "--children-per-episode", "2",
            "--epochs", "1", "--batch-size", "32", "--out", outDir, "--threads", "2", "--parallel", "2", "--seed", "3"];
        var first = CliHarness.Run([.. common, "--episodes", "1"]);
        Assert.Equal(0, first.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "controller.json")));

        var again = CliHarness.Run([.. common, "--episodes", "2"]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--resume", again.Stderr, StringComparison.Ordinal);

        var resumed = CliHarness.Run([.. common, "--episodes", "2", "--resume", "--json"]);
        Assert.Equal(0, resumed.ExitCode);
        var records = SearchHistory.Read(Path.Combine(outDir, "history.jsonl")).Records;
        Assert.Equal([0, 1, 2, 3], records.Select(r => r.Trial).Order());
        Assert.All(records.Where(r => r.IsOk), r => Assert.Equal(-(r.Loss!.Value + r.Knowledge!.Value), r.Reward, 9));
        Assert.All(records.Where(r => r.IsOk), r => Assert.True(r.Knowledge > 0));
        using var doc = JsonDocument.Parse(resumed.Stdout);
        Assert.Equal(4, doc.RootElement.GetProperty("children").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("converged").GetArrayLength());

        // The best architecture by median: its medians and child count are those of its records in the history.
        var top = doc.RootElement.GetProperty("best_architectures")[0];
        var tokens = top.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();
        var mine = records.Where(r => r.IsOk && r.Tokens.SequenceEqual(tokens)).Select(r => r.Loss!.Value).Order().ToArray();
        double median = mine.Length % 2 == 1 ? mine[mine.Length / 2] : 0.5 * (mine[mine.Length / 2 - 1] + mine[mine.Length / 2]);
        Assert.Equal(mine.Length, top.GetProperty("children").GetInt32());
        Assert.Equal(median, top.GetProperty("median_loss").GetDouble(), 12);
        Assert.Contains("best architecture by median", resumed.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "best", "1", "weights.npz")));
        Assert.Contains("choice probabilities", resumed.Stderr, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Search_ResumeWithOtherLambda_IsExitTwo()
    {
        var dir = CliHarness.TempDir();
        var (space, data, _) = Fixture(dir);
        var outDir = Path.Combine(dir, "run");
        string[] common = ["search", "--space", space, "--data", data, "--children-per-episode", "1", "--episodes", "1", "--epochs", "1", "--out", outDir];
        Assert.Equal(0, CliHarness.Run([.. common, "--lambda", "1"]).ExitCode);
        var result = CliHarness.Run([.. common, "--lambda", "2", "--resume"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("lambda", result.Stderr, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Search_ResumeOfASearchStartedBeforeRewardEstimatesWereRecorded_KeepsItsOldBehaviour()
    {
        var dir = CliHarness.TempDir();
        var (space, data, _) = Fixture(dir);
        var outDir = Path.Combine(dir, "run");
        string[] common = ["search", "--space", space, "--data", data, "--children-per-episode", "1", "--epochs", "1", "--out", outDir];
        Assert.Equal(0, CliHarness.Run([.. common, "--episodes", "1", "--reward-estimate", "child", "--elites", "0"]).ExitCode);
        // What an older version wrote: no reward_estimate, no elites (it learned from each child's own reward, no elites).
        var settingsPath = Path.Combine(outDir, "search.json");
        var settings = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(settingsPath))!;
        Assert.Equal("child", settings["reward_estimate"].GetString());
        Assert.Equal(0, settings["elites"].GetInt32());
        settings.Remove("reward_estimate");
        settings.Remove("elites");
        File.WriteAllText(settingsPath, JsonSerializer.Serialize(settings));

        var withDefaults = CliHarness.Run([.. common, "--episodes", "2", "--resume"]);
        Assert.Equal(2, withDefaults.ExitCode);
        Assert.Contains("started with reward_estimate = child; cannot resume with median", withDefaults.Stderr, StringComparison.Ordinal);
        var asBefore = CliHarness.Run([.. common, "--episodes", "2", "--resume", "--reward-estimate", "child", "--elites", "0"]);
        Assert.Equal(0, asBefore.ExitCode);
        Assert.Equal(2, SearchHistory.Read(Path.Combine(outDir, "history.jsonl")).Records.Count);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("--reward-estimate", "mean", "--reward-estimate: expected median or child, found 'mean'")]
    [InlineData("--elites", "-2", "--elites must be 0 or more; got -2")]
    [InlineData("--executor", "cloud", "--executor: expected local, slurm or replay, found 'cloud'")]
    [InlineData("--slurm-retries", "-1", "--slurm-retries must be 0 or more; got -1")]
    [InlineData("--slurm-poll", "0", "--slurm-poll must be a positive number of seconds; got 0")]
    [InlineData("--replay-history", "h.jsonl", "--replay-history is only used with --executor replay")]
    public void Search_BadControllerOption_IsExitTwoAndWritesNothing(string option, string value, string message)
    {
        var dir = CliHarness.TempDir();
        var (space, data, _) = Fixture(dir);
        var outDir = Path.Combine(dir, "run");
        var result = CliHarness.Run("search", "--space", space, "--data", data, "--out", outDir, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(outDir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Search_BadSpace_IsExitTwoNamingFileAndLine()
    {
        var dir = CliHarness.TempDir();
        var (_, data, _) = Fixture(dir);
        var bad = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(bad, "input: {length: 40}\nlayers:\n  - [{type: conv2d}]\noutput: {type: dense, units: 1}\n");
        var result = CliHarness.Run("search", "--space", bad, "--data", data, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{bad}:3:", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
        Directory.Delete(dir, true);
    }
}
