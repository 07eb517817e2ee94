using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class GlobalMaxPool1dTests
{
    [Fact]
    public void GlobalMaxPool1d_GradientMatchesFiniteDifferences()
    {
        var layer = new GlobalMaxPool1d();
        layer.Build([7, 3], new Random(0));
        GradientCheck.CheckLayer(layer, GradientCheck.Spaced(2, 2, 7, 3));
    }

    [Fact]
    public void GlobalMaxPool1d_TakesMaximumPerChannel()
    {
        var layer = new GlobalMaxPool1d();
        layer.Build([3, 2], new Random(0));
        using var ctx = LayerContext.Create();
        Assert.Equal([5f, 4f], layer.Forward(new Tensor([1f, 4f, 5f, 0f, 2f, 3f], 1, 3, 2), ctx).Span.ToArray());
    }
}
