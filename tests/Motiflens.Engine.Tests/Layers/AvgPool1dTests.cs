using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class AvgPool1dTests
{
    [Fact]
    public void AvgPool1d_GradientMatchesFiniteDifferences()
    {
        var layer = new AvgPool1d(3, 2);
        layer.Build([10, 2], new Random(0));
        GradientCheck.CheckLayer(layer, GradientCheck.Random(1, -1f, 1f, 2, 10, 2));
    }

    [Fact]
    public void AvgPool1d_AveragesWindows()
    {
        var layer = new AvgPool1d(2);
        layer.Build([4, 1], new Random(0));
        using var ctx = LayerContext.Create();
        Assert.Equal([2f, 5f], layer.Forward(new Tensor([1f, 3f, 4f, 6f], 1, 4, 1), ctx).Span.ToArray());
    }
}
