using Motiflens.Engine.Metrics;

namespace Motiflens.Engine.Tests.Metrics;

public class MultitaskMetricsTests
{
    [Fact]
    public void PerTask_EvaluatesEachColumn()
    {
        // (N=4, T=2): task 0 perfectly ranked, task 1 reversed.
        float[] p = [0.1f, 0.9f, 0.2f, 0.8f, 0.8f, 0.2f, 0.9f, 0.1f];
        float[] y = [0, 0, 0, 0, 1, 1, 1, 1];
        var auc = MultitaskMetrics.PerTask(BinaryMetrics.Auroc, p, y, 2);
        Assert.Equal([1.0, 0.0], auc);
    }

    [Fact]
    public void MeanDefined_IgnoresNaN()
    {
        Assert.Equal(0.5, MultitaskMetrics.MeanDefined([1.0, double.NaN, 0.0]), 12);
        Assert.True(double.IsNaN(MultitaskMetrics.MeanDefined([double.NaN])));
    }

    [Fact]
    public void PerTask_SingleClassTaskIsNaN()
    {
        float[] p = [0.1f, 0.9f, 0.2f, 0.8f];
        float[] y = [0, 1, 1, 1];
        var auc = MultitaskMetrics.PerTask(BinaryMetrics.Auroc, p, y, 2);
        Assert.Equal(1.0, auc[0], 12);
        Assert.True(double.IsNaN(auc[1]));
    }
}
