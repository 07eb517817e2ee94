using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class FlattenTests
{
    [Fact]
    public void Flatten_UsesPyTorchChannelMajorOrder()
    {
        var layer = new Flatten();
        layer.Build([3, 2], new Random(0));
        using var ctx = LayerContext.Create();
        // x[l, c] = 10·l + c; PyTorch flattens (C, L): index c·L + l.
        var y = layer.Forward(new Tensor([0f, 1f, 10f, 11f, 20f, 21f], 1, 3, 2), ctx);
        Assert.Equal([0f, 10f, 20f, 1f, 11f, 21f], y.Span.ToArray());
    }

    [Fact]
    public void Flatten_GradientMatchesFiniteDifferences()
    {
        var layer = new Flatten();
        layer.Build([4, 3], new Random(0));
        GradientCheck.CheckLayer(layer, GradientCheck.Random(1, -1f, 1f, 2, 4, 3));
    }
}
