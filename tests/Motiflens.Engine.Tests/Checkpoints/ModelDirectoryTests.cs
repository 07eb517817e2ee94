using System.Text.Json;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Tests.Training;
using Motiflens.Engine.Training;
using Motiflens.IO;

namespace Motiflens.Engine.Tests.Checkpoints;

public sealed class ModelDirectoryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "motiflens-md-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void SaveThenLoad_GivesTheSamePredictionsAndSettings()
    {
        var spec = ModelSpecJson.Load(Path.Combine(Spec.RepoPaths.Root, "examples", "models", "residual.json")) with { InputLength = 40 };
        var data = MotifTask.Create(32, 40, seed: 4);
        using var model = ModelBuilder.Build(spec, seed: 2);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 8, Seed = 2, ClipNorm = 5, L2 = 1e-4 };
        var result = new Trainer(model, spec, options).Fit(data, data);
        var metrics = ModelEvaluator.Evaluate(model, spec, data);
        ModelDirectory.Save(_dir, spec, model, options, result, metrics, ["bound"]);

        using var loaded = ModelDirectory.Load(_dir);
        Assert.Equal(ModelEvaluator.Logits(model, data), ModelEvaluator.Logits(loaded.Model, data));
        Assert.Equal(options, loaded.Training);
        Assert.Equal(["bound"], loaded.OutputNames);
        Assert.Equal(ModelSpecJson.ToJsonString(spec with { OutputNames = ["bound"] }), ModelSpecJson.ToJsonString(loaded.Spec with { Source = spec.Source }));

        var lines = File.ReadAllLines(Path.Combine(_dir, ModelDirectory.HistoryFile));
        Assert.Equal(HistoryTsv.Header, lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("1\t0.001\t", lines[1]);

        using var m = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, ModelDirectory.MetricsFile)));
        Assert.Equal(metrics.Auroc, m.RootElement.GetProperty("auroc").GetDouble(), 12);
        Assert.Equal(1, m.RootElement.GetProperty("auroc_per_task").GetArrayLength());

        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, ModelDirectory.ModelFile)));
        Assert.Equal(ModelDirectory.Format, j.RootElement.GetProperty("format").GetString());
        Assert.Equal(40, j.RootElement.GetProperty("training").GetProperty("input_length").GetInt32());
        Assert.Equal(1, j.RootElement.GetProperty("training").GetProperty("epochs_run").GetInt32());
    }

    [Fact]
    public void SaveThenLoad_KeepsTheRegulariserSettings()
    {
        // Trained with every regulariser on a model with a residual block (a block boundary of its own).
        var spec = ModelSpecJson.Load(Path.Combine(Spec.RepoPaths.Root, "examples", "models", "residual.json")) with { InputLength = 40 };
        var data = MotifTask.Create(32, 40, seed: 4);
        using var model = ModelBuilder.Build(spec, seed: 2);
        var options = new TrainingOptions
        {
            Epochs = 1, BatchSize = 8, Seed = 2, InputMixupAlpha = 0.2, ManifoldMixupAlpha = 0.4, InputNoiseStd = 0.05, ManifoldNoiseStd = 0.1,
            Adversarial = AdversarialKind.Fgsm, AdversarialEpsilon = 0.05, PgdSteps = 3, PgdStepSize = 0.02, SpectralNormPenalty = 0.001,
        };
        var result = new Trainer(model, spec, options).Fit(data, data);
        Assert.True(double.IsFinite(result.History[0].TrainLoss));
        ModelDirectory.Save(_dir, spec, model, options, result);

        using var loaded = ModelDirectory.Load(_dir);
        Assert.Equal(options, loaded.Training);
        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, ModelDirectory.ModelFile)));
        Assert.Equal("fgsm", j.RootElement.GetProperty("training").GetProperty("adversarial").GetString());
    }

    [Fact]
    public void Save_WeightsAreByteIdenticalForIdenticalWeights()
    {
        var spec = BuiltinModels.Deep(length: 40);
        using var a = ModelBuilder.Build(spec, seed: 5);
        using var b = ModelBuilder.Build(spec, seed: 5);
        ModelDirectory.Save(Path.Combine(_dir, "a"), spec, a);
        ModelDirectory.Save(Path.Combine(_dir, "b"), spec, b);
        var bytesA = File.ReadAllBytes(Path.Combine(_dir, "a", ModelDirectory.WeightsFileName));
        Assert.Equal(bytesA, File.ReadAllBytes(Path.Combine(_dir, "b", ModelDirectory.WeightsFileName)));

        var keys = WeightsFile.Read(Path.Combine(_dir, "a", ModelDirectory.WeightsFileName));
        Assert.Equal([32, 4, 19], keys["layers.0.weight"].Shape);
        Assert.Equal([32], keys["layers.1.running_var"].Shape);
        Assert.Equal([12, 256], keys["layers.17.weight"].Shape);
    }

    [Fact]
    public void Load_MissingDirectoryOrFilesAreInputErrors()
    {
        var ex = Assert.Throws<InputException>(() => ModelDirectory.Load(Path.Combine(_dir, "nope")));
        Assert.Contains("model directory not found", ex.Message);
        Directory.CreateDirectory(_dir);
        ex = Assert.Throws<InputException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("model.json: missing", ex.Message);
    }

    [Fact]
    public void Load_WeightsThatDoNotFitTheSpecAreInputErrors()
    {
        var small = BuiltinModels.BionasSmall(40);
        using var model = ModelBuilder.Build(small, seed: 1);
        ModelDirectory.Save(_dir, small, model);
        var wider = ModelDirectory.ModelJson(small with
        {
            Layers = [small.Layers[0] with { Filters = 11 }, .. small.Layers.Skip(1)],
        });
        File.WriteAllText(Path.Combine(_dir, ModelDirectory.ModelFile), wider);
        var ex = Assert.Throws<InputException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("weights.npz: weights do not fit model.json", ex.Message);
    }
}
