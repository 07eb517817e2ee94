using System.Text.Json;
using Motiflens.Interpretation.Attribution;
using Motiflens.Interpretation.Metrics;
using Motiflens.Search.Population;

namespace Motiflens.Cli.Tests;

public class CalibrateCommandTests
{
    /// <summary>
    /// A population.json of <paramref name="n"/> models with ln SNR = 1..n: KLD_w(3) = ln SNR, KLD_w(4) = <paramref name="k4"/>,
    /// KLD_w(5..8) constant, original KLD = ln SNR with the middle two ranks swapped; plus one model below the AUROC filter.
    /// </summary>
    private static string Population(string dir, double[] k4)
    {
        var rows = new List<PopulationRow>();
        for (int i = 0; i < k4.Length; i++)
        {
            double x = i + 1;
            rows.Add(new PopulationRow
            {
                Id = $"m{i}",
                Activation = i % 2 == 0 ? "relu" : "exponential",
                Ok = true,
                TestAuroc = 0.98 + (0.001 * i),
                Snr = Math.Exp(x),
                KldOriginal = x,
                KldWeighted = new Dictionary<int, double> { [3] = x, [4] = k4[i], [5] = 2, [6] = 2, [7] = 2, [8] = 2 },
                KldMultiscale = x,
            });
        }

        rows.Add(new PopulationRow { Id = "weak", Activation = "relu", Ok = true, TestAuroc = 0.9, Snr = 1, KldWeighted = rows[0].KldWeighted });
        var pop = Path.Combine(dir, "pop");
        Directory.CreateDirectory(pop);
        PopulationTable.Of("d.npz", "synthetic", rows).Save(pop);
        return pop;
    }

    [Fact]
    public void Calibrate_WritesHandCheckableWeightsThatScoreAccepts()
    {
        var dir = CliHarness.TempDir();
        // k=4 values [1,3,2,4,5,7,6,8] against ln SNR 1..8: R² = (40/42)² = 400/441; k=3 has R² 1.
        var pop = Population(dir, [1, 3, 2, 4, 5, 7, 6, 8]);
        var weights = Path.Combine(dir, "w.json");
        var result = CliHarness.Run("calibrate", "--population", pop, "--out", weights, "--subsets", "2", "--folds", "2", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var w = LengthWeights.Load(weights);
        Assert.Equal(441.0 / 841, w.Weights[3], 12);
        Assert.Equal(400.0 / 841, w.Weights[4], 12);
        Assert.Equal(0, w.Weights[5]);

        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal((8, 9), (root.GetProperty("models_used").GetInt32(), root.GetProperty("models_total").GetInt32()));
        Assert.Equal(441.0 / 841, root.GetProperty("weights").GetProperty("3").GetDouble(), 12);
        Assert.Equal(["3", "4", "5", "6", "7", "8"], root.GetProperty("weights_sd").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("spearman_original").GetDouble(), 12);
        Assert.Equal(1, root.GetProperty("spearman_weighted").GetProperty("3").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("spearman_weighted").GetProperty("5").ValueKind);
        Assert.InRange(root.GetProperty("spearman_multiscale").GetDouble(), 0.5, 1);
        Assert.Contains("8 of 9 models pass test AUROC >= 0.97", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("matched-performance pairs", result.Stderr, StringComparison.Ordinal);
        // AUROCs 0.980..0.987 step 0.001 (and 0.9): the widest KLD_ms gap within 0.005 is m4 vs m0 or m7 vs m3 (4 apart).
        var top = root.GetProperty("matched_pairs")[0];
        Assert.Equal(4, top.GetProperty("kld_multiscale_a").GetDouble() - top.GetProperty("kld_multiscale_b").GetDouble(), 12);

        // score --weights reads the file.
        var data = PopulationCommandTests.Data(dir);
        var maps = Path.Combine(dir, "maps.npy");
        var random = new Random(1);
        AttributionMapFile.Save(maps, Enumerable.Range(0, 40 * 40 * 4).Select(_ => (float)random.NextDouble()).ToArray(), 40, 40);
        var score = CliHarness.Run("score", "--data", data, "--attributions", maps, "--weights", weights, "--json");
        Assert.True(score.ExitCode == 0, score.Stderr);
        using var scores = JsonDocument.Parse(score.Stdout);
        var kw = scores.RootElement.GetProperty("kld_weighted");
        double expected = (441.0 / 841 * kw.GetProperty("3").GetDouble()) + (400.0 / 841 * kw.GetProperty("4").GetDouble());
        Assert.Equal(expected, scores.RootElement.GetProperty("kld_multiscale").GetDouble(), 10);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Calibrate_BadInputs_ExitTwoWithOneLineAndNoWeightsFile()
    {
        var dir = CliHarness.TempDir();
        var weights = Path.Combine(dir, "w.json");
        void Bad(string expected, params string[] args)
        {
            var r = CliHarness.Run(["calibrate", .. args, "--out", weights]);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(weights));
        }

        Bad("no population.json here", "--population", dir);
        Bad("no such population directory", "--population", Path.Combine(dir, "nope"));
        var empty = Path.Combine(dir, "empty");
        Directory.CreateDirectory(empty);
        PopulationTable.Of("d.npz", "x", []).Save(empty);
        Bad("no finished model", "--population", empty);
        var pop = Population(dir, [1, 3, 2, 4, 5, 7, 6, 8]);
        Bad("8 of 9 models pass test AUROC >= 0.97 and 8 of them", "--population", pop);
        Bad("--min-auroc must be in [0, 1]", "--population", pop, "--min-auroc", "1.5");
        File.WriteAllText(Path.Combine(pop, "population.json"), "{\"models\": [{\"id\": 3}]}");
        Bad("models[0]", "--population", pop, "--subsets", "2");
        Directory.Delete(dir, true);
    }
}
