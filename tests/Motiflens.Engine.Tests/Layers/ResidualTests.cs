using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class ResidualTests
{
    [Fact]
    public void Residual_GradientMatchesFiniteDifferences()
    {
        var block = new Residual([
            new Conv1d(3, 3, dilation: 2, padding: Padding.Same, activation: Activation.Tanh),
            new BatchNorm(),
            new Conv1d(3, 1, activation: Activation.Softplus),
        ]);
        block.Build([9, 3], new Random(1));
        GradientCheck.CheckLayer(block, GradientCheck.Random(2, -1f, 1f, 3, 9, 3), training: true);
    }

    [Fact]
    public void Residual_AddsInputAndNamesInnerParameters()
    {
        var block = new Residual([new Conv1d(2, 1, bias: false)]);
        block.Build([3, 2], new Random(1));
        block.Parameters[0].Value.Span.Clear();
        using var ctx = LayerContext.Create();
        var x = new Tensor([1f, 2f, 3f, 4f, 5f, 6f], 1, 3, 2);
        Assert.Equal(x.Span.ToArray(), block.Forward(x, ctx).Span.ToArray());
        Assert.Equal(["layers.0.weight"], block.NamedParameters().Select(p => p.Name));
        Assert.Throws<ArgumentException>(() => new Residual([new Conv1d(2, 3)]).Build([5, 2], new Random(0)));
    }
}
