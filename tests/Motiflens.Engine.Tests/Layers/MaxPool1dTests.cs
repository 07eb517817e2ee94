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

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(21)]
    [InlineData(32)]
    [InlineData(40)]
    public void MaxPool1d_MatchesTheScalarRuleForEveryChannelCount(int channels)
    {
        // Ties keep the earlier value; a NaN anywhere in the window wins (as torch.nn.MaxPool1d propagates it).
        var rng = new Random(channels);
        var x = new Tensor(3, 17, channels);
        for (int i = 0; i < x.Size; i++)
        {
            x.Data[i] = rng.Next(7) == 0 ? float.NaN : rng.Next(5) - 2;
        }

        var layer = new MaxPool1d(4, 3);
        layer.Build([17, channels], new Random(0));
        using var ctx = LayerContext.Create();
        var y = layer.Forward(x, ctx).Span.ToArray();
        int lo = layer.OutputShape[0];
        for (int s = 0; s < 3; s++)
        {
            for (int j = 0; j < lo; j++)
            {
                for (int c = 0; c < channels; c++)
                {
                    float best = x.Data[((s * 17) + (j * 3)) * channels + c];
                    for (int p = 1; p < 4; p++)
                    {
                        float v = x.Data[((s * 17) + (j * 3) + p) * channels + c];
                        if (v > best || float.IsNaN(v))
                        {
                            best = v;
                        }
                    }

                    Assert.Equal(best, y[((s * lo) + j) * channels + c]);
                }
            }
        }
    }
}
