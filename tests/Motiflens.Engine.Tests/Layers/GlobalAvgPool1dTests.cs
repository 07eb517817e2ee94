using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class GlobalAvgPool1dTests
{
    [Fact]
    public void GlobalAvgPool1d_GradientMatchesFiniteDifferences()
    {
        var layer = new GlobalAvgPool1d();
        layer.Build([7, 3], new Random(0));
        GradientCheck.CheckLayer(layer, GradientCheck.Random(2, -1f, 1f, 2, 7, 3));
    }

    [Fact]
    public void GlobalAvgPool1d_AveragesPerChannel()
    {
        var layer = new GlobalAvgPool1d();
        layer.Build([2, 2], new Random(0));
        using var ctx = LayerContext.Create();
        Assert.Equal([2f, 3f], layer.Forward(new Tensor([1f, 4f, 3f, 2f], 1, 2, 2), ctx).Span.ToArray());
    }
}
