using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class GeluTests
{
    // x·Φ(x) with Φ from math.erfc in double precision (the values torch.nn.GELU() gives in float64).
    [Theory]
    [InlineData(0f, 0.0)]
    [InlineData(1f, 0.8413447460685429)]
    [InlineData(-1f, -0.15865525393145707)]
    [InlineData(0.5f, 0.34573123063700656)]
    [InlineData(2f, 1.9544997361036416)]
    [InlineData(-3f, -0.004049694094890287)]
    [InlineData(-6f, -5.919525870226207e-09)]
    public void Gelu_ComputesXTimesTheNormalCdf(float x, double expected)
    {
        var layer = new Gelu();
        layer.Build([1], new Random(0));
        using var ctx = LayerContext.Create();
        float y = layer.Forward(new Tensor([x], 1, 1), ctx).Data[0];
        // Relative error, so the far negative tail (erf form, not the tanh approximation) is checked too.
        Assert.True(Math.Abs(y - expected) <= 1e-6 * Math.Abs(expected) + 1e-9, $"GELU({x}) = {y}, expected {expected}");
    }

    [Theory]
    [InlineData(0f, 0.5)]
    [InlineData(1f, 1.0833154705876864)]
    [InlineData(-1f, -0.08331547058768629)]
    [InlineData(-3f, -0.011945647204183927)]
    public void Gelu_BackwardIsCdfPlusXTimesDensity(float x, double slope)
    {
        var layer = new Gelu();
        layer.Build([1], new Random(0));
        using var ctx = LayerContext.Create();
        layer.Forward(new Tensor([x], 1, 1), ctx);
        var dx = layer.Backward(new Tensor([2f], 1, 1), ctx, needInputGradient: true)!;
        Assert.Equal(2 * slope, dx.Data[0], 5);
    }

    [Fact]
    public void Gelu_GradientMatchesFiniteDifferences()
    {
        var layer = new Gelu();
        layer.Build([6, 3], new Random(0));
        GradientCheck.CheckLayer(layer, GradientCheck.Random(7, -3f, 3f, 2, 6, 3));
    }

    [Fact]
    public void Gelu_KeepsShapeAndHasNoParameters()
    {
        var layer = new Gelu();
        Assert.Equal([7, 4], layer.Build([7, 4], new Random(0)));
        Assert.Empty(layer.Parameters);
    }
}
