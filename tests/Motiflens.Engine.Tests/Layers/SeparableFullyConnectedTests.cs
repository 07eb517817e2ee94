using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class SeparableFullyConnectedTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SeparableFullyConnected_GradientMatchesFiniteDifferences(bool mirrored)
    {
        var layer = new SeparableFullyConnected(3, mirrored);
        layer.Build([7, 4], new Random(1));
        GradientCheck.CheckLayer(layer, GradientCheck.Random(2, -1f, 1f, 2, 7, 4));
    }

    [Fact]
    public void SeparableFullyConnected_EqualsDenseWithRankOneWeights()
    {
        var layer = new SeparableFullyConnected(2, mirrored: true);
        layer.Build([5, 3], new Random(1));
        Assert.Equal([2, 3], layer.PositionWeight.Value.ShapeArray());
        var x = GradientCheck.Random(3, -1f, 1f, 1, 5, 3);
        using var ctx = LayerContext.Create();
        var y = layer.Forward(x, ctx);
        var wp = layer.PositionWeight.Value;
        var wc = layer.ChannelWeight.Value;
        for (int o = 0; o < 2; o++)
        {
            double e = layer.Parameters[2].Value.Data[o];
            for (int pos = 0; pos < 5; pos++)
            {
                for (int c = 0; c < 3; c++)
                {
                    e += x[0, pos, c] * wp[o, Math.Min(pos, 4 - pos)] * wc[o, c];
                }
            }

            Assert.Equal(e, y[0, o], 5);
        }

        Assert.Equal(["weight_pos", "weight_ch", "bias"], layer.GetState("").Select(s => s.Key));
    }
}
