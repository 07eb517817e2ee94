using System.Globalization;
using System.Text;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Genomics.Datasets;
using Motiflens.Genomics.Motifs;
using Motiflens.IO;

namespace Motiflens.Reporting.Tests;

/// <summary>
/// Small hand-made folders of each kind a report reads, written into a fresh temporary folder: a model directory,
/// a search run (search.json, history.jsonl, best/1) and a population (population.json, model dirs with
/// attr-examples.npz), plus a tiny dataset and a one-motif MEME file.
/// </summary>
internal sealed class ReportFixtures : IDisposable
{
    public const int Length = 40;

    private const string Spec = """
        {"input": {"length": 40, "alphabet": "ACGT"},
         "layers": [
           {"type": "conv1d", "filters": 3, "kernel_size": 6, "padding": "valid", "activation": "relu"},
           {"type": "global_maxpool1d"},
           {"type": "dense", "units": 1, "activation": "sigmoid"}],
         "loss": "bce"}
        """;

    public ReportFixtures()
    {
        Root = Path.Combine(Path.GetTempPath(), "motiflens-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A model directory with 3 filters of width 6, a 3-epoch training.tsv and metrics.json.</summary>
    public string Model(string name = "model", int seed = 1)
    {
        var dir = Path.Combine(Root, name);
        var spec = ModelSpecJson.Parse(Spec, "fixture.json");
        using (var model = ModelBuilder.Build(spec, seed))
        {
            ModelDirectory.Save(dir, spec, model);
        }

        File.WriteAllText(Path.Combine(dir, ModelDirectory.HistoryFile), HistoryTsv.Header + "\n"
            + "1\t0.001\t0.69\t0.68\t0.6\t0.62\t0.55\t\t\t0.1\n"
            + "2\t0.001\t0.60\t0.62\t0.7\t0.71\t0.65\t\t\t0.1\n"
            + "3\t0.001\t0.52\t0.58\t0.8\t0.79\t0.72\t\t\t0.1\n");
        File.WriteAllText(Path.Combine(dir, ModelDirectory.MetricsFile), """{"loss": 0.57, "count": 20, "auroc": 0.81, "aupr": 0.78}""");
        return dir;
    }

    /// <summary>The MYC E-box CACGTG as a one-motif MEME file.</summary>
    public string Motifs()
    {
        var path = Path.Combine(Root, "myc.meme");
        MemeWriter.Write(path, [PositionWeightMatrix.FromConsensus("MYC", "MYC", "CACGTG")]);
        return path;
    }

    /// <summary>A dataset of 40-nt sequences: 6 test sequences, alternately positive (CACGTG at 10) and negative, with PWMs.</summary>
    public string Dataset()
    {
        var path = Path.Combine(Root, "data.npz");
        var random = new Random(5);
        DatasetSplit Split(string name, int n)
        {
            var codes = new byte[n * Length];
            var targets = new float[n];
            var pwm = new float[n * Length * 4];
            Array.Fill(pwm, 0.25f);
            for (int s = 0; s < n; s++)
            {
                for (int i = 0; i < Length; i++)
                {
                    codes[(s * Length) + i] = (byte)random.Next(4);
                }

                if (s % 2 == 0)
                {
                    targets[s] = 1;
                    var motif = "CACGTG";
                    for (int i = 0; i < motif.Length; i++)
                    {
                        int pos = 10 + i;
                        int code = "ACGT".IndexOf(motif[i], StringComparison.Ordinal);
                        codes[(s * Length) + pos] = (byte)code;
                        for (int c = 0; c < 4; c++)
                        {
                            pwm[(((s * Length) + pos) * 4) + c] = c == code ? 1f : 0f;
                        }
                    }
                }
            }

            return new DatasetSplit(name, n, Length, 1, codes, targets, pwm);
        }

        new SequenceDataset([Split("train", 8), Split("valid", 4), Split("test", 6)]).Save(path);
        return path;
    }

    /// <summary>
    /// A search run: 2 layers (options 3 and 2), 2 episodes of 3 children, one failed; λ = 1. Rewards are
    /// −(L + K) of the values below, so the best architecture by median is tokens [1,0].
    /// </summary>
    public string Search(bool withBestModel = true, string? knowledge = null)
    {
        var dir = Path.Combine(Root, "search");
        Directory.CreateDirectory(dir);
        var settings = "{\"space\":\"fixture\",\"option_counts\":\"3x2\",\"lambda\":1,\"mu\":0,\"controller\":\"reinforce\",\"seed\":7"
            + (knowledge is null ? string.Empty : ",\"knowledge\":\"" + knowledge.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"") + "}";
        File.WriteAllText(Path.Combine(dir, "search.json"), settings);
        var sb = new StringBuilder();
        foreach (var line in SearchChildren)
        {
            sb.Append(line).Append('\n');
        }

        File.WriteAllText(Path.Combine(dir, "history.jsonl"), sb.ToString());
        if (withBestModel)
        {
            var best = Model(Path.Combine("search", "best", "1"), seed: 3);
            _ = best;
        }

        return dir;
    }

    private static readonly string[][] LayerNames = [["conv1d(filters=3,kernel=8,relu)", "conv1d(filters=3,kernel=14,relu)", "denovo(filters=3,kernel=8)"], ["identity", "maxpool1d(size=4,stride=4)"]];

    /// <summary>The history lines of <see cref="Search"/>: (trial, episode, tokens, L, K).</summary>
    public static readonly IReadOnlyList<string> SearchChildren =
    [
        Child(0, 0, [0, 0], 0.60, 0.50),
        Child(1, 0, [1, 0], 0.40, 0.30),
        Child(2, 0, [2, 1], null, null),
        Child(3, 1, [1, 0], 0.50, 0.20),
        Child(4, 1, [1, 0], 0.45, 0.40),
        Child(5, 1, [0, 1], 0.55, 0.45),
    ];

    private static string Child(int trial, int episode, int[] tokens, double? loss, double? k)
    {
        string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string layers = string.Join(',', tokens.Select((t, i) => "\"" + LayerNames[i][t] + "\""));
        string measured = loss is { } l && k is { } kk
            ? $"\"loss\":{I(l)},\"knowledge\":{I(kk)},\"kld\":null,\"reward\":{I(-(l + kk))},\"status\":\"ok\",\"reason\":null"
            : "\"loss\":null,\"knowledge\":null,\"kld\":null,\"reward\":\"NaN\",\"status\":\"failed\",\"reason\":\"invalid architecture: <denovo> & pool\"";
        return $"{{\"trial\":{trial},\"episode\":{episode},\"replicate\":0,\"tokens\":[{string.Join(',', tokens)}],\"layers\":[{layers}],{measured},\"lambda\":1,\"mu\":0,\"metrics\":{{}},\"seed\":{trial + 100},\"wall_seconds\":0.5}}";
    }

    /// <summary>
    /// A population of 5 models (one failed) with SNR 1..4 and KLDs chosen so that the original KLD has Spearman ρ = −0.2
    /// with SNR and the multi-scale KLD ρ = 1; models m1 and m4 form a matched pair, with attr-examples.npz only for
    /// them when <paramref name="withExamples"/>.
    /// </summary>
    public string Population(bool withExamples = true)
    {
        var dir = Path.Combine(Root, "population");
        Directory.CreateDirectory(dir);
        string Row(string id, string activation, string status, double snr, double original, double multiscale, double auroc) =>
            string.Create(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{id}\",\"batchnorm\":true,\"activation\":\"{activation}\",\"regularization\":\"none\",\"seed\":1,\"status\":\"{status}\",\"reason\":{(status == "ok" ? "null" : "\"diverged\"")},"
                + $"\"test_loss\":0.4,\"test_auroc\":{auroc},\"test_aupr\":0.8,\"snr\":{snr},\"interp_auroc\":0.7,\"interp_aupr\":0.6,\"kld_original\":{original},"
                + $"\"kld_weighted\":{{\"3\":{multiscale * 0.5},\"4\":{multiscale * 0.6},\"5\":{multiscale * 0.7},\"6\":{multiscale * 0.8},\"7\":{multiscale * 0.9},\"8\":{multiscale}}},"
                + $"\"kld_multiscale\":{multiscale},\"train_seconds\":12.5,\"epochs\":9,\"model_dir\":\"models/{id}\"}}");
        var rows = new[]
        {
            Row("m1", "relu", "ok", 1, 0.9, 0.10, 0.90),
            Row("m2", "relu", "ok", 2, 0.3, 0.20, 0.88),
            Row("m3", "exponential", "ok", 3, 0.5, 0.30, 0.91),
            Row("m4", "exponential", "ok", 4, 0.7, 0.40, 0.90),
            "{\"id\":\"m5\",\"activation\":\"relu\",\"status\":\"failed\",\"reason\":\"diverged <NaN>\",\"snr\":null,\"kld_original\":null,\"kld_multiscale\":null,\"model_dir\":\"models/m5\"}",
        };
        var pairs = "[{\"a\":\"m1\",\"b\":\"m4\",\"auroc_a\":0.90,\"auroc_b\":0.90,\"kld_multiscale_a\":0.1,\"kld_multiscale_b\":0.4,\"snr_a\":1,\"snr_b\":4}]";
        File.WriteAllText(Path.Combine(dir, "population.json"), $"{{\"data\":\"data.npz\",\"grid\":\"fixture\",\"models\":[{string.Join(',', rows)}],\"matched_pairs\":{pairs}}}");
        foreach (var id in new[] { "m1", "m4" })
        {
            var modelDir = Path.Combine(dir, "models", id);
            Directory.CreateDirectory(modelDir);
            if (withExamples)
            {
                WriteExamples(Path.Combine(modelDir, "attr-examples.npz"), id == "m4" ? 1f : -1f);
            }
        }

        return dir;
    }

    /// <summary>Two examples of length 20: maps sign × (position + 1) / 20 at every channel, one-hot all A, PWM planted at 5..10.</summary>
    public static void WriteExamples(string path, float sign)
    {
        const int n = 2, l = 20;
        var maps = new float[n * l * 4];
        var x = new float[n * l * 4];
        var pwm = new float[n * l * 4];
        Array.Fill(pwm, 0.25f);
        for (int s = 0; s < n; s++)
        {
            for (int i = 0; i < l; i++)
            {
                for (int c = 0; c < 4; c++)
                {
                    maps[(((s * l) + i) * 4) + c] = sign * (i + 1) / 20f;
                }

                x[((s * l) + i) * 4] = 1;
                if (i is >= 5 and < 11)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        pwm[(((s * l) + i) * 4) + c] = c == 0 ? 1 : 0;
                    }
                }
            }
        }

        NpzArchive.Write(path,
        [
            new("attributions", NpyArray.FromFloats(maps, n, l, 4)),
            new("x", NpyArray.FromFloats(x, n, l, 4)),
            new("pwm", NpyArray.FromFloats(pwm, n, l, 4)),
        ]);
    }
}
