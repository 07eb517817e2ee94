using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class MaxPool1dTests
{
    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(3, 2)]
    [InlineData(2, 3)]
    public void MaxPool1d_GradientMatchesFiniteDifferences(int pool, int stride)
    {
        var layer = new MaxPool1d(pool, stride);
        layer.Build([11, 3], new Random(0));
        GradientCheck.CheckLayer(layer, GradientCheck.Spaced(1, 2, 11, 3));
    }

    [Fact]
    public void MaxPool1d_UsesFloorModeAndPicksWindowMaxima()
    {
        var layer = new MaxPool1d(2);
        layer.Build([5, 1], new Random(0));
        Assert.Equal([2, 1], layer.OutputShape);
        using var ctx = LayerContext.Create();
        var y = layer.Forward(new Tensor([1f, 3f, 2f, -1f, 9f], 1, 5, 1), ctx);
        Assert.Equal([3f, 2f], y.Span.ToArray());
    }
}
