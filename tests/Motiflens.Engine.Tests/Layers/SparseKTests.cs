using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class SparseKTests
{
    [Fact]
    public void SparseK_KeepsTopFractionPerSample()
    {
        var layer = new SparseK(0.2f);
        layer.Build([10], new Random(0));
        Assert.Equal(2, layer.K);
        using var ctx = LayerContext.Create();
        var x = new Tensor([5f, 1f, 9f, 3f, 2f, 0f, 4f, 8f, 7f, 6f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], 2, 10);
        var y = layer.Forward(x, ctx).Span.ToArray();
        Assert.Equal([0f, 0f, 9f, 0f, 0f, 0f, 0f, 8f, 0f, 0f], y[..10]);
        // Ties keep the earliest positions.
        Assert.Equal([1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], y[10..]);
    }

    [Fact]
    public void SparseK_GradientMatchesFiniteDifferences()
    {
        var layer = new SparseK(0.3f);
        layer.Build([6, 2], new Random(0));
        GradientCheck.CheckLayer(layer, GradientCheck.Spaced(3, 3, 6, 2));
    }
}
