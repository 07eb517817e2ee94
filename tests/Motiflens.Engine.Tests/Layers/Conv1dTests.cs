using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class Conv1dTests
{
    private static Conv1d Built(Conv1d conv, int length, int channels, int seed = 1)
    {
        conv.Build([length, channels], new Random(seed));
        return conv;
    }

    [Theory]
    [InlineData(3, 1, 1, Padding.Valid, Activation.Identity)]
    [InlineData(4, 1, 1, Padding.Same, Activation.Tanh)]
    [InlineData(5, 1, 1, Padding.Same, Activation.Sigmoid)]
    [InlineData(3, 2, 1, Padding.Valid, Activation.Softplus)]
    [InlineData(3, 1, 2, Padding.Valid, Activation.Identity)]
    [InlineData(3, 1, 2, Padding.Same, Activation.Exponential)]
    [InlineData(1, 1, 1, Padding.Valid, Activation.Identity)]
    [InlineData(2, 3, 2, Padding.Valid, Activation.Identity)]
    public void Conv1d_GradientMatchesFiniteDifferences(int k, int stride, int dilation, Padding padding, Activation activation)
    {
        var conv = Built(new Conv1d(5, k, stride, dilation, padding, activation), 11, 3);
        var x = GradientCheck.Random(2, -1f, 1f, 2, 11, 3);
        GradientCheck.CheckLayer(conv, x);
    }

    [Theory]
    [InlineData(Padding.Same, 1)]
    [InlineData(Padding.Valid, 1)]
    [InlineData(Padding.Same, 2)]
    public void Conv1d_ManyInputChannelsGradientMatchesFiniteDifferences(Padding padding, int dilation)
    {
        // Cin >= 8 takes the single flipped-kernel GEMM (Cin < 8 the column scatter) for the input gradient.
        var conv = Built(new Conv1d(7, 3, 1, dilation, padding, Activation.Tanh), 9, 10);
        GradientCheck.CheckLayer(conv, GradientCheck.Random(6, -1f, 1f, 2, 9, 10));
    }

    [Fact]
    public void Conv1d_GradientWithTwoThreadsMatchesFiniteDifferences()
    {
        var conv = Built(new Conv1d(17, 4, padding: Padding.Same), 9, 6);
        var x = GradientCheck.Random(3, -1f, 1f, 3, 9, 6);
        GradientCheck.CheckLayer(conv, x, threads: 2);
    }

    [Fact]
    public void Conv1d_ForwardMatchesDirectFormula()
    {
        var conv = Built(new Conv1d(3, 4, 1, 2, Padding.Same), 10, 2);
        var x = GradientCheck.Random(4, -1f, 1f, 2, 10, 2);
        using var ctx = LayerContext.Create();
        var y = conv.Forward(x, ctx);
        var state = conv.GetState("").ToDictionary(e => e.Key);
        var w = state["weight"].Data; // (out, in, k)
        var b = state["bias"].Data;
        Assert.Equal([2, 10, 3], y.ShapeArray());
        Assert.Equal(3, conv.PadLeft); // total 2·3 = 6: left 3, right 3
        for (int s = 0; s < 2; s++)
        {
            for (int l = 0; l < 10; l++)
            {
                for (int o = 0; o < 3; o++)
                {
                    double e = b[o];
                    for (int kk = 0; kk < 4; kk++)
                    {
                        int pos = l + kk * 2 - 3;
                        if (pos < 0 || pos >= 10)
                        {
                            continue;
                        }

                        for (int c = 0; c < 2; c++)
                        {
                            e += w[(o * 2 + c) * 4 + kk] * x[s, pos, c];
                        }
                    }

                    Assert.Equal(e, y[s, l, o], 5);
                }
            }
        }
    }

    [Theory]
    [InlineData(19, 1, Padding.Same, 100)]
    [InlineData(20, 1, Padding.Valid, 60)]
    [InlineData(5, 2, Padding.Valid, 40)]
    public void Conv1d_OutputLengthFollowsPyTorch(int k, int dilation, Padding padding, int length)
    {
        var conv = Built(new Conv1d(2, k, 1, dilation, padding), length, 4);
        int expected = padding == Padding.Same ? length : length - dilation * (k - 1);
        Assert.Equal([expected, 2], conv.OutputShape);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(32)]
    public void Conv1d_CategoricalInputGivesBitIdenticalOutputsAndGradients(int filters)
    {
        foreach (var (k, dil, pad, stride) in new[] { (20, 1, Padding.Valid, 1), (19, 1, Padding.Same, 1), (5, 3, Padding.Same, 1), (70, 1, Padding.Valid, 1), (6, 1, Padding.Valid, 3), (4, 2, Padding.Valid, 2) })
        {
            int n = 5, l = 100, c = 4;
            var rng = new Random(7);
            var codes = new byte[n * l];
            var x = new Tensor(n, l, c);
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = (byte)rng.Next(5); // 4 = an N: all-zero row
                if (codes[i] < c)
                {
                    x.Data[i * c + codes[i]] = 1f;
                }
            }

            var a = Built(new Conv1d(filters, k, stride, dil, pad, Activation.Relu), l, c, 3);
            var b = Built(new Conv1d(filters, k, stride, dil, pad, Activation.Relu), l, c, 3);
            using var ctx = LayerContext.Create(2, true);
            var ya = a.Forward(x, ctx).Span.ToArray();
            var yb = b.ForwardCodes(codes, n, ctx).Span.ToArray();
            Assert.Equal(ya, yb);
            var dy = GradientCheck.Random(5, -1f, 1f, n, a.OutputLength, filters);
            var dxa = a.Backward(dy.Clone(), ctx, true)!.Span.ToArray();
            var dxb = b.Backward(dy.Clone(), ctx, true)!.Span.ToArray();
            Assert.Equal(dxa, dxb);
            Assert.Equal(a.Weight.Grad.Span.ToArray(), b.Weight.Grad.Span.ToArray());
            Assert.Equal(a.Bias!.Grad.Span.ToArray(), b.Bias!.Grad.Span.ToArray());
        }
    }

    [Fact]
    public void Conv1d_StateDictUsesPyTorchLayoutAndRoundTrips()
    {
        var conv = Built(new Conv1d(3, 2), 5, 2);
        var state = conv.GetState("layers.0.").ToList();
        Assert.Equal("layers.0.weight", state[0].Key);
        Assert.Equal([3, 2, 2], state[0].Shape);
        // torch weight[o, c, k] equals internal (k, c, o).
        Assert.Equal(conv.Weight.Value[1, 0, 2], state[0].Data[(2 * 2 + 0) * 2 + 1]);
        var other = Built(new Conv1d(3, 2), 5, 2, seed: 9);
        other.SetState("layers.0.", state.ToDictionary(e => e.Key));
        Assert.Equal(conv.Weight.Value.Span.ToArray(), other.Weight.Value.Span.ToArray());
        Assert.Equal(conv.Bias!.Value.Span.ToArray(), other.Bias!.Value.Span.ToArray());
    }

    [Fact]
    public void Conv1d_RejectsKernelLongerThanInput()
    {
        Assert.Throws<ArgumentException>(() => Built(new Conv1d(2, 30), 20, 4));
        Assert.Throws<ArgumentException>(() => new Conv1d(2, 3, stride: 2, padding: Padding.Same));
    }
}
