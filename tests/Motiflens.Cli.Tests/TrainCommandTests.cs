using System.Text.Json;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Training;
using Motiflens.IO;

namespace Motiflens.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private const int L = 30;
    private readonly string _dir = CliHarness.TempDir();

    public TrainCommandTests()
    {
        WriteDataset(DataPath, tasks: 1);
        File.WriteAllText(SpecPath, """
            {"input": {"length": 30, "alphabet": "ACGT"},
             "layers": [
               {"type": "conv1d", "filters": 4, "kernel_size": 6, "activation": "relu"},
               {"type": "maxpool1d", "pool_size": 5},
               {"type": "flatten"},
               {"type": "dense", "units": 1, "activation": "sigmoid"}],
             "loss": "bce"}
            """);
    }

    private string DataPath => Path.Combine(_dir, "data.npz");

    private string SpecPath => Path.Combine(_dir, "spec.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A planted-motif dataset: even rows carry TGACTCA (label 1), odd rows are random (label 0).</summary>
    internal static void WriteDataset(string path, int tasks, int n = 48)
    {
        var rng = new Random(11);
        NpyArray X(int count, out float[] y)
        {
            var x = new byte[count * L * 4];
            y = new float[count * tasks];
            for (int i = 0; i < count; i++)
            {
                var codes = Enumerable.Range(0, L).Select(_ => rng.Next(4)).ToArray();
                for (int t = 0; t < tasks; t++)
                {
                    y[(i * tasks) + t] = (i + t) % 2 == 0 ? 1 : 0;
                }

                if (i % 2 == 0)
                {
                    int at = rng.Next(L - 7);
                    for (int k = 0; k < 7; k++)
                    {
                        codes[at + k] = "ACGT".IndexOf("TGACTCA"[k], StringComparison.Ordinal);
                    }
                }

                for (int j = 0; j < L; j++)
                {
                    x[(((i * L) + j) * 4) + codes[j]] = 1;
                }
            }

            return NpyArray.FromBytes(x, count, L, 4);
        }

        var arrays = new Dictionary<string, NpyArray>();
        foreach (var (split, count) in new[] { ("train", n), ("valid", n / 2), ("test", n / 2) })
        {
            arrays["x_" + split] = X(count, out var y);
            arrays["y_" + split] = NpyArray.FromFloats(y, count, tasks);
        }

        NpzArchive.Write(path, arrays, compress: false);
    }

    [Fact]
    public void Train_SameSeedAndThreadsGiveByteIdenticalWeights()
    {
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        foreach (var dir in new[] { a, b })
        {
            var r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", dir, "--epochs", "2", "--batch-size", "8", "--seed", "4", "--threads", "2");
            Assert.True(r.ExitCode == 0, r.Stderr);
        }

        var wa = File.ReadAllBytes(Path.Combine(a, ModelDirectory.WeightsFileName));
        Assert.Equal(wa, File.ReadAllBytes(Path.Combine(b, ModelDirectory.WeightsFileName)));
        Assert.True(File.Exists(Path.Combine(a, ModelDirectory.HistoryFile)));
        Assert.True(File.Exists(Path.Combine(a, ModelDirectory.MetricsFile)));
        Assert.Empty(Directory.GetDirectories(_dir, ".*"));
    }

    [Fact]
    public void Train_JsonReportsMetricsAndTheModelLoads()
    {
        var outDir = Path.Combine(_dir, "m");
        var r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", outDir, "--epochs", "3", "--batch-size", "8", "--json", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("test", root.GetProperty("split").GetString());
        Assert.Equal(3, root.GetProperty("epochs_run").GetInt32());
        Assert.InRange(root.GetProperty("auroc").GetDouble(), 0, 1);
        using var loaded = ModelDirectory.Load(outDir);
        Assert.Equal(30, loaded.Spec.InputLength);
        Assert.Equal(3, loaded.Training!.Epochs);
        Assert.Equal(8, loaded.Training.BatchSize);
        Assert.Contains("wrote", r.Stderr);
    }

    [Fact]
    public void Train_SgdWithWeightDecayAndClipping_IsUsedAndRecorded()
    {
        var adam = Path.Combine(_dir, "adam");
        var sgd = Path.Combine(_dir, "sgd");
        var r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", adam, "--epochs", "2", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", sgd, "--epochs", "2", "--threads", "1",
            "--optimizer", "SGD", "--lr", "0.05", "--momentum", "0.8", "--weight-decay", "0.001", "--clip-norm", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var loaded = ModelDirectory.Load(sgd);
        Assert.Equal(OptimizerKind.Sgd, loaded.Training!.Optimizer);
        Assert.Equal(0.8, loaded.Training.Momentum);
        Assert.Equal(0.001, loaded.Training.WeightDecay);
        Assert.Equal(1.0, loaded.Training.ClipNorm);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(adam, ModelDirectory.WeightsFileName)), File.ReadAllBytes(Path.Combine(sgd, ModelDirectory.WeightsFileName)));
    }

    [Fact]
    public void Train_BuiltinModelAdaptsToTheDataShape()
    {
        var data = Path.Combine(_dir, "multi.npz");
        WriteDataset(data, tasks: 3);
        var outDir = Path.Combine(_dir, "small");
        var r = CliHarness.Run("train", "--data", data, "--model", "bionas-small", "--out", outDir, "--epochs", "1", "--batch-size", "16", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var loaded = ModelDirectory.Load(outDir);
        Assert.Equal(3, loaded.Spec.Outputs);
        Assert.Equal(L, loaded.Spec.InputLength);
    }

    [Fact]
    public void Train_RefusesANonEmptyOutputDirectoryUnlessForced()
    {
        var outDir = Path.Combine(_dir, "busy");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "mine");
        var r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", outDir, "--epochs", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("use --force", r.Stderr);
        Assert.True(File.Exists(Path.Combine(outDir, "keep.txt")));

        r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", outDir, "--epochs", "1", "--force", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.False(File.Exists(Path.Combine(outDir, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, ModelDirectory.WeightsFileName)));
    }

    [Theory]
    [InlineData("\"conv1d\"", "\"convv1d\"", "layers[0]: unknown layer type 'convv1d'")]
    [InlineData("\"length\": 30", "\"length\": 31", "input.length: is 31, but the sequences in")]
    [InlineData("\"units\": 1", "\"units\": 2", "the model has 2 output(s), but")]
    [InlineData("\"pool_size\": 5", "\"pool_size\": 50", "layers[1]: pool_size 50 is longer than its input (length 25)")]
    public void Train_BadSpecExitsWithTwoAndLeavesNoOutput(string from, string to, string message)
    {
        File.WriteAllText(SpecPath, File.ReadAllText(SpecPath).Replace(from, to, StringComparison.Ordinal));
        var outDir = Path.Combine(_dir, "never");
        var r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Contains("spec.json", r.Stderr);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_dir, ".*"));
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be at least 1")]
    [InlineData("--lr", "-1", "--lr must be a positive number")]
    [InlineData("--model", "nonesuch", "nonesuch: no such model spec file, and not a built-in model")]
    [InlineData("--data", "missing.npz", "missing.npz")]
    [InlineData("--optimizer", "rmsprop", "--optimizer must be adam or sgd; got 'rmsprop'")]
    [InlineData("--momentum", "1", "--momentum must be in [0, 1)")]
    [InlineData("--weight-decay", "-0.1", "--weight-decay must be zero or positive")]
    [InlineData("--clip-norm", "-1", "--clip-norm must be zero or positive")]
    public void Train_BadOptionsExitWithTwo(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--data"] = DataPath, ["--model"] = SpecPath, ["--out"] = Path.Combine(_dir, "x"), [option] = value };
        var r = CliHarness.Run(["train", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Fact]
    public void Train_RegulariserFlagsAreUsedAndRecordedInModelJson()
    {
        var plain = Path.Combine(_dir, "plain");
        var reg = Path.Combine(_dir, "reg");
        var r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", plain, "--epochs", "2", "--batch-size", "8", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", reg, "--epochs", "2", "--batch-size", "8", "--threads", "1",
            "--mixup", "0.2", "--manifold-mixup", "0.3", "--input-noise", "0.05", "--manifold-noise", "0.1", "--adversarial", "PGD",
            "--adv-epsilon", "0.15", "--pgd-steps", "2", "--pgd-step-size", "0.1", "--spectral-norm", "0.01");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(reg, ModelDirectory.ModelFile))))
        {
            var t = doc.RootElement.GetProperty("training");
            Assert.Equal(0.2, t.GetProperty("mixup_alpha").GetDouble());
            Assert.Equal(0.3, t.GetProperty("manifold_mixup_alpha").GetDouble());
            Assert.Equal(0.05, t.GetProperty("input_noise_std").GetDouble());
            Assert.Equal(0.1, t.GetProperty("manifold_noise_std").GetDouble());
            Assert.Equal("pgd", t.GetProperty("adversarial").GetString());
            Assert.Equal(0.15, t.GetProperty("adversarial_epsilon").GetDouble());
            Assert.Equal(2, t.GetProperty("pgd_steps").GetInt32());
            Assert.Equal(0.1, t.GetProperty("pgd_step_size").GetDouble());
            Assert.Equal(0.01, t.GetProperty("spectral_norm").GetDouble());
        }

        using var loaded = ModelDirectory.Load(reg);
        var o = loaded.Training!;
        Assert.Equal((0.2, 0.3, 0.05, 0.1), (o.InputMixupAlpha, o.ManifoldMixupAlpha, o.InputNoiseStd, o.ManifoldNoiseStd));
        Assert.Equal((AdversarialKind.Pgd, 0.15, 2, 0.1, 0.01), (o.Adversarial, o.AdversarialEpsilon, o.PgdSteps, o.PgdStepSize, o.SpectralNormPenalty));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(plain, ModelDirectory.WeightsFileName)), File.ReadAllBytes(Path.Combine(reg, ModelDirectory.WeightsFileName)));
        using var plainLoaded = ModelDirectory.Load(plain);
        Assert.Equal((0.0, AdversarialKind.None, 0.0), (plainLoaded.Training!.InputMixupAlpha, plainLoaded.Training.Adversarial, plainLoaded.Training.SpectralNormPenalty));
    }

    [Theory]
    [InlineData("--mixup", "-0.5", "--mixup must be zero or positive; got -0.5")]
    [InlineData("--manifold-mixup", "NaN", "--manifold-mixup must be zero or positive; got NaN")]
    [InlineData("--input-noise", "-1", "--input-noise must be zero or positive")]
    [InlineData("--manifold-noise", "-0.1", "--manifold-noise must be zero or positive")]
    [InlineData("--adversarial", "deepfool", "--adversarial must be none, fgsm or pgd; got 'deepfool'")]
    [InlineData("--adv-epsilon", "0", "--adv-epsilon must be a positive number; got 0")]
    [InlineData("--pgd-steps", "0", "--pgd-steps must be at least 1; got 0")]
    [InlineData("--pgd-step-size", "-0.1", "--pgd-step-size must be a positive number")]
    [InlineData("--spectral-norm", "-1", "--spectral-norm must be zero or positive")]
    public void Train_BadRegulariserValuesExitWithTwoAndOneLine(string option, string value, string message)
    {
        var outDir = Path.Combine(_dir, "x");
        var r = CliHarness.Run("train", "--data", DataPath, "--model", SpecPath, "--out", outDir, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, r.Stdout);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_dir, ".*"));
    }
}
