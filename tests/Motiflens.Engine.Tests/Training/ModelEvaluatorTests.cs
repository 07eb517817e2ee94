using Motiflens.Engine.Losses;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class ModelEvaluatorTests
{
    [Fact]
    public void Evaluate_LossEqualsTheEngineLossOnTheSameLogits()
    {
        var spec = BuiltinModels.Get("bionas-small", 40, outputs: 2)!;
        using var model = ModelBuilder.Build(spec, seed: 3);
        var rng = new Random(1);
        var codes = Enumerable.Range(0, 10 * 40).Select(_ => (byte)rng.Next(5)).ToArray();
        var targets = Enumerable.Range(0, 20).Select(i => (float)(i % 3 == 0 ? 1 : 0)).ToArray();
        var data = new ArraySupervisedData(codes, targets, 10, 40, 4, 2);

        // Batches of 3 must give the same logits as one pass over all 10.
        var logits = ModelEvaluator.Logits(model, data, batchSize: 3);
        var whole = model.Forward(codes, 10, recordGradients: false);
        Assert.Equal(whole.Span.ToArray(), logits);

        var engineLoss = new BinaryCrossEntropyWithLogits().Compute(new Tensor(logits, 10, 2), new Tensor(targets, 10, 2));
        var result = ModelEvaluator.Evaluate(model, spec, data);
        Assert.Equal(engineLoss, result.Loss, 5);
        Assert.Equal(2, result.AurocPerTask.Count);

        var p = ModelEvaluator.Predict(model, spec, data);
        Assert.Equal(1 / (1 + Math.Exp(-logits[7])), p[7], 6);
    }

    [Fact]
    public void Logits_RejectsDataOfAnotherShape()
    {
        using var model = ModelBuilder.Build(BuiltinModels.BionasSmall(40), seed: 3);
        var data = new ArraySupervisedData(new byte[2 * 30], new float[2], 2, 30, 4, 1);
        var ex = Assert.Throws<ArgumentException>(() => ModelEvaluator.Logits(model, data));
        Assert.Contains("does not fit the model's input (N, 40, 4)", ex.Message);
    }
}
