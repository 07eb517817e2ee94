using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class DeNovoConv1dTests
{
    [Fact]
    public void DeNovoConv1d_GradientMatchesFiniteDifferences()
    {
        var layer = new DeNovoConv1d(4, 3, padding: Padding.Same);
        layer.Build([8, 4], new Random(1));
        GradientCheck.CheckLayer(layer, GradientCheck.Random(2, 0f, 1f, 2, 8, 4));
    }

    [Fact]
    public void DeNovoConv1d_ProjectionEnforcesConstraints()
    {
        var layer = new DeNovoConv1d(3, 5);
        layer.Build([10, 4], new Random(1));
        var rng = new Random(3);
        var w = layer.Weight.Value.Span;
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (float)(rng.NextDouble() * 4 - 1);
        }

        layer.Bias!.Value.Span.Fill(0.7f);
        layer.Bias.Value.Data[1] = -0.2f;
        layer.ApplyConstraints();
        Assert.All(layer.Weight.Value.Span.ToArray(), v => Assert.True(v >= 0f));
        for (int k = 0; k < 5; k++)
        {
            for (int o = 0; o < 3; o++)
            {
                float sum = 0;
                for (int c = 0; c < 4; c++)
                {
                    sum += layer.Weight.Value[k, c, o];
                }

                Assert.True(sum <= 2f + 1e-5f, $"position sum {sum}");
            }
        }

        Assert.Equal([0f, -0.2f, 0f], layer.Bias.Value.Span.ToArray());
        Assert.Equal(Activation.Sigmoid, layer.Activation);
    }
}
