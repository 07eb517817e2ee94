using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class BatchNormTests
{
    private static BatchNorm Built(int[] shape)
    {
        var bn = new BatchNorm();
        bn.Build(shape, new Random(0));
        var r = new Random(5);
        // Non-trivial affine parameters so their gradients are exercised.
        for (int i = 0; i < bn.Channels; i++)
        {
            bn.Parameters[0].Value.Data[i] = 0.5f + (float)r.NextDouble();
            bn.Parameters[1].Value.Data[i] = (float)r.NextDouble() - 0.5f;
            bn.Parameters[2].Value.Data[i] = 0.3f * i;
            bn.Parameters[3].Value.Data[i] = 0.5f + i;
        }

        return bn;
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public void BatchNorm_SequenceGradientMatchesFiniteDifferences(bool training, int threads)
    {
        var bn = Built([6, 5]);
        GradientCheck.CheckLayer(bn, GradientCheck.Random(1, -2f, 2f, 3, 6, 5), training, threads: threads);
    }

    [Fact]
    public void BatchNorm_DenseGradientMatchesFiniteDifferences()
    {
        var bn = Built([7]);
        GradientCheck.CheckLayer(bn, GradientCheck.Random(2, -2f, 2f, 6, 7), training: true);
    }

    [Fact]
    public void BatchNorm_TrainingNormalisesAndUpdatesRunningStatsAsPyTorch()
    {
        var bn = new BatchNorm();
        bn.Build([1], new Random(0));
        using var ctx = LayerContext.Create(1, training: true);
        var y = bn.Forward(new Tensor([1f, 2f, 3f, 6f], 4, 1), ctx);
        // mean 3, biased var 3.5, unbiased 14/3.
        float inv = 1f / MathF.Sqrt(3.5f + 1e-5f);
        Assert.Equal([-2 * inv, -1 * inv, 0, 3 * inv], y.Span.ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(0.3f, bn.Parameters[2].Value.Data[0], 6);
        Assert.Equal(0.9f + 0.1f * 14f / 3f, bn.Parameters[3].Value.Data[0], 5);
        Assert.False(bn.Parameters[2].Trainable);
        ctx.Training = false;
        var e = bn.Forward(new Tensor([0.3f], 1, 1), ctx);
        Assert.Equal(0f, e.Data[0], 6);
    }

    [Fact]
    public void BatchNorm_ThreadCountDoesNotChangeRunningStatsBeyondRounding()
    {
        var x = GradientCheck.Random(3, -2f, 2f, 8, 10, 4);
        var a = Built([10, 4]);
        var b = Built([10, 4]);
        using var c1 = LayerContext.Create(1, true);
        using var c2 = LayerContext.Create(2, true);
        var ya = a.Forward(x, c1).Span.ToArray();
        var yb = b.Forward(x, c2).Span.ToArray();
        Assert.Equal(ya, yb, (u, v) => Math.Abs(u - v) < 1e-5f);
    }
}
