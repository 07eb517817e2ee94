using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class ActivationLayerTests
{
    [Theory]
    [InlineData(Activation.Identity)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Exponential)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Tanh)]
    public void ActivationLayer_GradientMatchesFiniteDifferences(Activation activation)
    {
        var layer = new ActivationLayer(activation);
        layer.Build([5, 3], new Random(0));
        // Spaced values avoid ReLU's kink at 0 (none is within the step of it).
        var x = GradientCheck.Spaced(4, 2, 5, 3);
        for (int i = 0; i < x.Size; i++)
        {
            x.Data[i] = x.Data[i] * 2f + 0.025f;
        }

        GradientCheck.CheckLayer(layer, x);
    }

    [Theory]
    [InlineData(Activation.Identity, -1.5f, -1.5f)]
    [InlineData(Activation.Relu, -1.5f, 0f)]
    [InlineData(Activation.Relu, 2f, 2f)]
    [InlineData(Activation.Exponential, 1f, 2.7182817f)]
    [InlineData(Activation.Sigmoid, 0f, 0.5f)]
    [InlineData(Activation.Softplus, 0f, 0.6931472f)]
    [InlineData(Activation.Softplus, 30f, 30f)]
    [InlineData(Activation.Tanh, 0.5f, 0.46211717f)]
    public void ActivationLayer_ComputesTheFunction(Activation activation, float x, float expected)
    {
        var layer = new ActivationLayer(activation);
        layer.Build([1], new Random(0));
        using var ctx = LayerContext.Create();
        Assert.Equal(expected, layer.Forward(new Tensor([x], 1, 1), ctx).Data[0], 5);
    }
}
