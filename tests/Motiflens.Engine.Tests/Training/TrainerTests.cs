using System.Diagnostics;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class TrainerTests
{
    private static ModelSpec Small(int length) => ModelSpecJson.Parse($$"""
        {"input": {"length": {{length}}}, "layers": [
          {"type": "conv1d", "filters": 4, "kernel_size": 8, "activation": "relu"},
          {"type": "global_maxpool1d"},
          {"type": "dense", "units": 1, "activation": "sigmoid"}]}
        """, "small.json");

    [Fact]
    public void Fit_DeepArchitectureLearnsAPlantedMotif()
    {
        // The full-width "deep" reference architecture (3 conv blocks, dense 256) on L = 100 with one output.
        var spec = BuiltinModels.Get("deep", length: 100, outputs: 1)!;
        var train = MotifTask.Create(2000, 100, seed: 1);
        var valid = MotifTask.Create(400, 100, seed: 2);
        using var model = ModelBuilder.Build(spec, seed: 3, threads: 2);
        var options = new TrainingOptions { Epochs = 4, BatchSize = 64, LearningRate = 3e-3, Seed = 3, Threads = 2, Patience = 3 };
        var result = new Trainer(model, spec, options).Fit(train, valid);
        var eval = ModelEvaluator.Evaluate(model, spec, valid);
        Assert.True(eval.Auroc >= 0.95, $"validation AUROC {eval.Auroc:F3} after {result.History.Count} epochs: " + string.Join(" ", result.History.Select(h => $"{h.TrainLoss:F3}/{h.Validation!.Loss:F3}/{h.Validation.Auroc:F3}")));
        Assert.Equal(result.History[result.BestEpoch - 1].Validation!.Loss, eval.Loss, 5);
    }

    [Fact]
    public void Fit_SameSeedAndThreadsGiveIdenticalWeights()
    {
        var spec = BuiltinModels.Get("bionas-small", length: 40)!;
        var data = MotifTask.Create(96, 40, seed: 5);
        float[] Run()
        {
            using var model = ModelBuilder.Build(spec, seed: 9, threads: 2);
            new Trainer(model, spec, new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 9, Threads = 2 }).Fit(data, data);
            return model.StateDict().SelectMany(e => e.Data).ToArray();
        }

        var a = Run();
        var b = Run();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Fit_EarlyStoppingRestoresTheBestEpoch()
    {
        // Validation labels are the opposite of the training labels, so validation loss rises after the first epoch.
        var spec = Small(30);
        var train = MotifTask.Create(128, 30, seed: 1);
        var valid = MotifTask.Create(64, 30, seed: 1, flipLabels: true);
        using var model = ModelBuilder.Build(spec, seed: 1);
        var options = new TrainingOptions { Epochs = 30, BatchSize = 16, LearningRate = 0.02, Patience = 2, LrPatience = 0 };
        var result = new Trainer(model, spec, options).Fit(train, valid);
        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + 2, result.History.Count);
        var best = result.History.MinBy(h => h.Validation!.Loss)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.Validation!.Loss, ModelEvaluator.Evaluate(model, spec, valid).Loss, 6);
    }

    [Fact]
    public void Fit_ReducesTheLearningRateOnPlateau()
    {
        var spec = Small(30);
        var train = MotifTask.Create(64, 30, seed: 1);
        var valid = MotifTask.Create(64, 30, seed: 1, flipLabels: true);
        using var model = ModelBuilder.Build(spec, seed: 1);
        var options = new TrainingOptions { Epochs = 4, BatchSize = 16, LearningRate = 0.02, Patience = 0, LrPatience = 1, LrFactor = 0.5 };
        var result = new Trainer(model, spec, options).Fit(train, valid);
        Assert.Equal(4, result.History.Count);
        Assert.Equal(0.02, result.History[0].LearningRate, 6);

        // Each epoch without improvement halves the rate for the next one.
        for (int e = 1; e < 4; e++)
        {
            var improved = result.History[e - 1].Validation!.Loss < result.History.Take(e - 1).Select(h => h.Validation!.Loss).DefaultIfEmpty(double.PositiveInfinity).Min();
            var expected = improved ? result.History[e - 1].LearningRate : result.History[e - 1].LearningRate * 0.5;
            Assert.Equal(expected, result.History[e].LearningRate, 6);
        }

        Assert.True(result.History[^1].LearningRate < 0.02);
    }

    [Fact]
    public void Fit_ReportsProgressAndHonoursCancellation()
    {
        var spec = Small(30);
        var data = MotifTask.Create(64, 30, seed: 1);
        using var model = ModelBuilder.Build(spec, seed: 1);
        using var cts = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        var progress = new InlineProgress(p =>
        {
            reports.Add(p);
            if (p.Epoch == 2 && p.Batch == 1)
            {
                cts.Cancel();
            }
        });
        var trainer = new Trainer(model, spec, new TrainingOptions { Epochs = 5, BatchSize = 16 });
        Assert.Throws<OperationCanceledException>(() => trainer.Fit(data, data, progress, cts.Token));

        // Epoch 1: four batches plus the end-of-epoch report with validation; epoch 2: one batch.
        Assert.Equal(6, reports.Count);
        Assert.NotNull(reports[4].Validation);
        Assert.Equal(2.0 / 20, reports[1].Fraction, 6);
    }

    [Fact]
    public void Fit_KeepsDeNovoConstraintsAfterEveryStep()
    {
        var spec = ModelSpecJson.Parse("""
            {"input": {"length": 30}, "layers": [
              {"type": "denovo_conv1d", "filters": 3, "kernel_size": 6},
              {"type": "global_maxpool1d"},
              {"type": "dense", "units": 1, "activation": "sigmoid"}]}
            """, "denovo.json");
        var data = MotifTask.Create(64, 30, seed: 1);
        using var model = ModelBuilder.Build(spec, seed: 1);
        new Trainer(model, spec, new TrainingOptions { Epochs = 3, BatchSize = 16, LearningRate = 0.05, L1 = 1e-3, L2 = 1e-3 }).Fit(data);
        var state = model.StateDict().ToDictionary(e => e.Key);
        var w = state["layers.0.weight"]; // (out, in, k)
        Assert.All(w.Data, v => Assert.True(v >= 0));
        for (int o = 0; o < 3; o++)
        {
            for (int k = 0; k < 6; k++)
            {
                double sum = 0;
                for (int c = 0; c < 4; c++)
                {
                    sum += w.Data[(((o * 4) + c) * 6) + k];
                }

                Assert.True(sum <= 2 + 1e-5, $"filter {o} position {k} sums to {sum}");
            }
        }

        Assert.All(state["layers.0.bias"].Data, v => Assert.True(v <= 0));
    }

    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    public static TheoryData<string> Regularisers => ["mixup", "manifold-mixup", "input-noise", "manifold-noise", "fgsm", "pgd", "spectral-norm"];

    private static TrainingOptions WithRegulariser(TrainingOptions o, string name) => name switch
    {
        "mixup" => o with { InputMixupAlpha = 0.4 },
        "manifold-mixup" => o with { ManifoldMixupAlpha = 0.4 },
        "input-noise" => o with { InputNoiseStd = 0.2 },
        "manifold-noise" => o with { ManifoldNoiseStd = 0.2 },
        "fgsm" => o with { Adversarial = AdversarialKind.Fgsm, AdversarialEpsilon = 0.1 },
        "pgd" => o with { Adversarial = AdversarialKind.Pgd, AdversarialEpsilon = 0.1, PgdSteps = 3, PgdStepSize = 0.05 },
        "spectral-norm" => o with { SpectralNormPenalty = 0.01 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Regularisers))]
    public void Fit_EachRegulariserStillLearnsAPlantedMotif(string regulariser)
    {
        var spec = Small(30);
        var train = MotifTask.Create(256, 30, seed: 1);
        var valid = MotifTask.Create(128, 30, seed: 2);
        using var model = ModelBuilder.Build(spec, seed: 1);
        var options = WithRegulariser(new TrainingOptions { Epochs = 8, BatchSize = 32, LearningRate = 0.02, Seed = 1, Patience = 0 }, regulariser);
        var result = new Trainer(model, spec, options).Fit(train, valid);
        Assert.All(result.History, h => Assert.True(double.IsFinite(h.TrainLoss)));
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss, string.Join(" ", result.History.Select(h => h.TrainLoss.ToString("F3"))));
        var eval = ModelEvaluator.Evaluate(model, spec, valid);
        Assert.True(eval.Auroc >= 0.85, $"{regulariser}: validation AUROC {eval.Auroc:F3}");
    }

    [Fact]
    public void Fit_RegularisedRunsWithTheSameSeedGiveIdenticalWeights()
    {
        // Every regulariser at once (each from its own stream), two threads.
        var spec = BuiltinModels.Get("bionas-small", length: 40)!;
        var data = MotifTask.Create(64, 40, seed: 5);
        var all = new TrainingOptions
        {
            Epochs = 2, BatchSize = 16, Seed = 9, Threads = 2, InputMixupAlpha = 0.2, ManifoldMixupAlpha = 0.2, InputNoiseStd = 0.1,
            ManifoldNoiseStd = 0.1, Adversarial = AdversarialKind.Pgd, PgdSteps = 2, SpectralNormPenalty = 0.01,
        };
        float[] Run(TrainingOptions options)
        {
            using var model = ModelBuilder.Build(spec, seed: 9, threads: 2);
            new Trainer(model, spec, options).Fit(data, data);
            return model.StateDict().SelectMany(e => e.Data).ToArray();
        }

        var a = Run(all);
        Assert.Equal(a, Run(all));
        Assert.NotEqual(a, Run(all with { Seed = 10 }));
        Assert.NotEqual(a, Run(all with { InputNoiseStd = 0 }));
    }

    [Fact]
    public void Fit_SpectralNormPenaltyShrinksTheLargestSingularValues()
    {
        var spec = Small(30);
        var train = MotifTask.Create(128, 30, seed: 1);
        double SigmaSum(double coef)
        {
            using var model = ModelBuilder.Build(spec, seed: 1);
            new Trainer(model, spec, new TrainingOptions { Epochs = 5, BatchSize = 32, LearningRate = 0.02, Seed = 1, Patience = 0, SpectralNormPenalty = coef }).Fit(train);
            return model.TrainableParameters.Where(p => p.Name == "weight")
                .Sum(p => Motiflens.Engine.Optim.SpectralNormPenalty.LargestSingularValue(p.Value.Span, p.Size / p.Value.Shape[^1], p.Value.Shape[^1]));
        }

        Assert.True(SigmaSum(0.5) < 0.8 * SigmaSum(0), $"{SigmaSum(0.5):F3} vs {SigmaSum(0):F3}");
    }
}
