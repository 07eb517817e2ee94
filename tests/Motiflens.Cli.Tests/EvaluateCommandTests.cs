using System.Text.Json;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;

namespace Motiflens.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _dir = CliHarness.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Evaluate_JsonHasTheLibraryMetricsAndPerTaskArrays()
    {
        var data = Path.Combine(_dir, "d.npz");
        TrainCommandTests.WriteDataset(data, tasks: 2);
        var spec = BuiltinModels.Get("bionas-small", 30, outputs: 2)!;
        var modelDir = Path.Combine(_dir, "m");
        using (var model = ModelBuilder.Build(spec, seed: 1))
        {
            ModelDirectory.Save(modelDir, spec, model);
        }

        var r = CliHarness.Run("evaluate", "--model", modelDir, "--data", data, "--split", "valid", "--json", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;

        using var loaded = ModelDirectory.Load(modelDir);
        var expected = ModelEvaluator.Evaluate(loaded.Model, loaded.Spec, new Interpretation.Datasets.DatasetSplitData(SequenceDataset.Load(data).Get("valid")));
        Assert.Equal(expected.Loss, root.GetProperty("loss").GetDouble(), 12);
        Assert.Equal(expected.Auroc, root.GetProperty("auroc").GetDouble(), 12);
        Assert.Equal(expected.Aupr, root.GetProperty("aupr").GetDouble(), 12);
        Assert.Equal(expected.Accuracy, root.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(2, root.GetProperty("auroc_per_task").GetArrayLength());
        Assert.Equal(2, root.GetProperty("aupr_per_task").GetArrayLength());
        Assert.Equal(2, root.GetProperty("accuracy_per_task").GetArrayLength());
        Assert.Equal("valid", root.GetProperty("split").GetString());
        Assert.Equal(24, root.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Evaluate_MismatchedDataOrMissingModelExitsWithTwo()
    {
        var data = Path.Combine(_dir, "d.npz");
        TrainCommandTests.WriteDataset(data, tasks: 1);
        var spec = BuiltinModels.BionasSmall(40);
        var modelDir = Path.Combine(_dir, "m");
        using (var model = ModelBuilder.Build(spec, seed: 1))
        {
            ModelDirectory.Save(modelDir, spec, model);
        }

        var r = CliHarness.Run("evaluate", "--model", modelDir, "--data", data);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("x_test: sequences of length 30 do not fit the model", r.Stderr);

        r = CliHarness.Run("evaluate", "--model", Path.Combine(_dir, "none"), "--data", data);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("model directory not found", r.Stderr);

        r = CliHarness.Run("evaluate", "--model", modelDir, "--data", data, "--split", "nope");
        Assert.Equal(2, r.ExitCode);
    }
}
