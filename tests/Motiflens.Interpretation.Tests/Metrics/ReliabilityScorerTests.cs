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
    public void Score_TrainedModelOnSimulatedCodeTask_BeatsTheSameArchitectureUntrained()
    {
        // Small version of the scientific sanity check (the full-size run is in the report): a ReLU
        // CNN trained briefly on the simulated `code` task versus the same architecture untrained.
        var watch = Stopwatch.StartNew();
        var data = SequenceSimulator.Simulate(new SimulationOptions(SimulationPreset.Code, Count: 3000, Length: 200, Seed: 3));
        var train = data.Get("train");
        var test = data.Get("test");
        var spec = new ModelSpec
        {
            InputLength = 200,
            Layers =
            [
                new LayerSpec { Type = LayerType.Conv1d, Filters = 16, KernelSize = 11, Padding = PaddingMode.Same, Activation = ActivationKind.Relu },
                new LayerSpec { Type = LayerType.MaxPool1d, PoolSize = 25, Stride = 25 },
                new LayerSpec { Type = LayerType.Flatten },
                new LayerSpec { Type = LayerType.Dense, Units = 16, Activation = ActivationKind.Relu },
                new LayerSpec { Type = LayerType.Dense, Units = 1, Activation = ActivationKind.Sigmoid },
            ],
        };
        var untrained = Score(spec, test, trainOn: null);
        var trained = Score(spec, test, trainOn: train);
        output.WriteLine($"untrained: KLD_ms {untrained.KldMultiscale:G4} SNR {untrained.GroundTruth!.Snr:G4} AUROC {untrained.GroundTruth.Auroc:G4}");
        output.WriteLine($"trained:   KLD_ms {trained.KldMultiscale:G4} SNR {trained.GroundTruth!.Snr:G4} AUROC {trained.GroundTruth.Auroc:G4}");
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(trained.KldMultiscale > untrained.KldMultiscale);
        Assert.True(trained.GroundTruth.Auroc > untrained.GroundTruth.Auroc + 0.1);
        Assert.True(trained.GroundTruth.Snr > untrained.GroundTruth.Snr);
    }

    private static ReliabilityScores Score(ModelSpec spec, DatasetSplit test, DatasetSplit? trainOn)
    {
        using var model = ModelBuilder.Build(spec, seed: 5);
        if (trainOn is not null)
        {
            var options = new TrainingOptions { Epochs = 8, BatchSize = 64, LearningRate = 1e-3, Seed = 5, Patience = 0 };
            new Trainer(model, spec, options).Fit(new ArraySupervisedData(trainOn.Codes, trainOn.Targets, trainOn.Count, trainOn.Length, 4, 1));
        }

        model.Training = false;
        var maps = AttributionRunner.Run(model, test.Codes, test.Length, new Saliency());
        var positives = Enumerable.Range(0, test.Count).Select(i => test.Target(i)[0] >= 0.5f).ToArray();
        return ReliabilityScorer.Score(test.Codes, maps, test.Length, test.Pwm, positives);
    }
}
