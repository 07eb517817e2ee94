using System.Diagnostics;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.Genomics.Simulation;
using Motiflens.Interpretation.Attribution;
using Motiflens.Interpretation.Metrics;
using Xunit.Abstractions;

namespace Motiflens.Interpretation.Tests.Metrics;

public class ReliabilityScorerTests(ITestOutputHelper output)
{
    [Fact]
    public void Score_ComputesWeightedKlds3To8_AndGroundTruthOnlyWithPwm()
    {
        var random = new Random(1);
        var codes = Enumerable.Range(0, 4 * 20).Select(_ => (byte)random.Next(4)).ToArray();
        var maps = Enumerable.Range(0, 4 * 20 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        var without = ReliabilityScorer.Score(codes, maps, 20);
        Assert.Null(without.GroundTruth);
        Assert.Equal(new[] { 3, 4, 5, 6, 7, 8 }, without.KldWeighted.Keys.ToArray());
        Assert.Equal(WeightedKld.Compute(codes, maps, 20, 5).Value, without.KldWeighted[5]);
        Assert.Equal(OriginalKld.Compute(codes, maps, 20).Value, without.KldOriginal);

        var pwm = Enumerable.Repeat(0.25f, maps.Length).ToArray();
        var with = ReliabilityScorer.Score(codes, maps, 20, pwm, [true, false, true, true]);
        Assert.Equal(3, with.GroundTruth!.Sequences);
        Assert.True(double.IsNaN(with.GroundTruth.Snr));
    }

    [Fact]
    public void Score_DoesNotDependOnThreadCount()
    {
        var random = new Random(2);
        var codes = Enumerable.Range(0, 30 * 25).Select(_ => (byte)random.Next(5)).ToArray();
        var maps = Enumerable.Range(0, 30 * 25 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        var one = ReliabilityScorer.Score(codes, maps, 25, options: new ReliabilityOptions(MaxDegreeOfParallelism: 1));
        var four = ReliabilityScorer.Score(codes, maps, 25, options: new ReliabilityOptions(MaxDegreeOfParallelism: 4));
        Assert.Equal(one.KldWeighted.Values, four.KldWeighted.Values);
        Assert.Equal(one.KldOriginal, four.KldOriginal);
    }

    [Fact]
    public void Score_TrainedModelOnSimulatedCodeTask_HasSnrAboveOneAndBeatsTheSameArchitectureUntrained()
    {
        // Small-data version of the scientific sanity check: a CNN with an exponential first layer
        // (examples/models/cnn-deep-exp.json, after Koo & Ploenzke 2021) trained on the simulated `code` task
        // gives saliency maps with SNR > 1 and interpretability AUROC > 0.8, and higher weighted KLDs than
        // the same architecture untrained. Training is deterministic (fixed seeds, one thread).
        var watch = Stopwatch.StartNew();
        var data = SequenceSimulator.Simulate(new SimulationOptions(SimulationPreset.Code, Count: 10000, Length: 200, Seed: 5));
        var train = data.Get("train");
        var test = data.Get("test");
        var spec = ModelSpecJson.Load(Path.Combine(RepoRoot(), "examples", "models", "cnn-deep-exp.json"));
        var untrained = Score(spec, test, trainOn: null);
        var trained = Score(spec, test, trainOn: train);
        output.WriteLine($"untrained: KLD_ms {untrained.KldMultiscale:G4} SNR {untrained.GroundTruth!.Snr:G4} AUROC {untrained.GroundTruth.Auroc:G4}");
        output.WriteLine($"trained:   KLD_ms {trained.KldMultiscale:G4} SNR {trained.GroundTruth!.Snr:G4} AUROC {trained.GroundTruth.Auroc:G4}");
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(trained.GroundTruth.Snr > 1, $"SNR {trained.GroundTruth.Snr}");
        Assert.True(trained.GroundTruth.Auroc > 0.8, $"interpretability AUROC {trained.GroundTruth.Auroc}");
        Assert.True(trained.KldMultiscale > untrained.KldMultiscale);
        foreach (var (k, value) in trained.KldWeighted)
        {
            Assert.True(value > untrained.KldWeighted[k], $"weighted KLD k={k}: trained {value} vs untrained {untrained.KldWeighted[k]}");
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Motiflens.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Motiflens.slnx) not found");
    }

    private static ReliabilityScores Score(ModelSpec spec, DatasetSplit test, DatasetSplit? trainOn)
    {
        using var model = ModelBuilder.Build(spec, seed: 5);
        if (trainOn is not null)
        {
            var options = new TrainingOptions { Epochs = 12, BatchSize = 64, LearningRate = 1e-3, Seed = 5, Patience = 0 };
            new Trainer(model, spec, options).Fit(new ArraySupervisedData(trainOn.Codes, trainOn.Targets, trainOn.Count, trainOn.Length, 4, 1));
        }

        model.Training = false;
        var maps = AttributionRunner.Run(model, test.Codes, test.Length, new Saliency());
        var positives = Enumerable.Range(0, test.Count).Select(i => test.Target(i)[0] >= 0.5f).ToArray();
        return ReliabilityScorer.Score(test.Codes, maps, test.Length, test.Pwm, positives);
    }
}
