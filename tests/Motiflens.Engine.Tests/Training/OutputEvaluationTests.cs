using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class OutputEvaluationTests
{
    [Fact]
    public void Evaluate_BceLossAndMetricsFromLogits()
    {
        // Logits (N=4, T=1): sigmoid(0) = 0.5, sigmoid(2) ≈ 0.88, ...
        float[] z = [0f, 2f, -1f, 3f];
        float[] y = [0f, 1f, 0f, 1f];
        var r = OutputEvaluation.Evaluate(LossKind.Bce, ActivationKind.Sigmoid, z, y, 1);
        double expected = (Math.Log(2) + Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-3))) / 4;
        Assert.Equal(expected, r.Loss, 6);
        Assert.Equal(1.0, r.Auroc, 12);
        Assert.Equal(1.0, r.Aupr, 12);
        Assert.Equal(1.0, r.Accuracy, 12); // 0.5 is not above the threshold, so it predicts 0.
        Assert.True(r.IsClassification);
        Assert.Equal(4, r.Count);
        Assert.True(double.IsNaN(r.Pearson));
    }

    [Fact]
    public void Evaluate_MultitaskGivesPerTaskArraysAndMeans()
    {
        float[] z = [1f, -1f, -1f, -1f, 2f, 1f, -2f, 1f];
        float[] y = [1f, 0f, 0f, 0f, 1f, 1f, 0f, 1f];
        var r = OutputEvaluation.Evaluate(LossKind.Bce, ActivationKind.Sigmoid, z, y, 2);
        Assert.Equal([1.0, 1.0], r.AurocPerTask);
        Assert.Equal(2, r.AccuracyPerTask.Count);
        Assert.Equal(1.0, r.Accuracy, 12);
    }

    [Fact]
    public void Evaluate_MseGivesCorrelations()
    {
        float[] z = [1f, 2f, 3f, 4f];
        float[] y = [1f, 2f, 3f, 5f];
        var r = OutputEvaluation.Evaluate(LossKind.Mse, ActivationKind.Linear, z, y, 1);
        Assert.Equal(0.25, r.Loss, 6);
        Assert.Equal(1.0, r.Spearman, 12);
        Assert.False(r.IsClassification);
        Assert.True(double.IsNaN(r.Auroc));
    }

    [Fact]
    public void Evaluate_PoissonWithExponentialLinkUsesLogInput()
    {
        float[] z = [0f, 1f];
        float[] y = [1f, 2f];
        var r = OutputEvaluation.Evaluate(LossKind.Poisson, ActivationKind.Exponential, z, y, 1);
        Assert.Equal(((1 - 0) + (Math.E - 2)) / 2, r.Loss, 6);
    }

    [Fact]
    public void Evaluate_CategoricalCrossEntropyUsesSoftmax()
    {
        float[] z = [0f, 0f, 2f, 0f];
        float[] y = [1f, 0f, 1f, 0f];
        var r = OutputEvaluation.Evaluate(LossKind.CategoricalCrossentropy, ActivationKind.Softmax, z, y, 2);
        Assert.Equal((Math.Log(2) + Math.Log(1 + Math.Exp(-2))) / 2, r.Loss, 6);
        Assert.Equal(1.0, r.Accuracy, 12);
    }

    [Fact]
    public void ApplyLink_SoftmaxNormalisesEachRow()
    {
        float[] z = [0f, (float)Math.Log(3), 5f, 5f];
        var p = new float[4];
        OutputEvaluation.ApplyLink(ActivationKind.Softmax, z, p, 2);
        Assert.Equal(0.25f, p[0], 6);
        Assert.Equal(0.75f, p[1], 6);
        Assert.Equal(0.5f, p[2], 6);
        Assert.Equal(0.5f, p[3], 6);
    }

    [Fact]
    public void Evaluate_MasksNaNTargets()
    {
        float[] z = [5f, -5f, 0f];
        float[] y = [1f, 0f, float.NaN];
        var r = OutputEvaluation.Evaluate(LossKind.Bce, ActivationKind.Sigmoid, z, y, 1);
        Assert.Equal(Math.Log(1 + Math.Exp(-5)), r.Loss, 6);
    }
}
