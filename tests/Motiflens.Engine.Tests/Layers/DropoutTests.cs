using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class DropoutTests
{
    [Fact]
    public void Dropout_SameSeedGivesSameMaskAndKeepsExpectedFraction()
    {
        var x = new Tensor(10, 1000);
        x.Span.Fill(1f);
        float[] Run()
        {
            var d = new Dropout(0.3f);
            d.Build([1000], new Random(42));
            using var ctx = LayerContext.Create(1, training: true);
            return d.Forward(x, ctx).Span.ToArray();
        }

        var a = Run();
        Assert.Equal(a, Run());
        int kept = a.Count(v => v != 0f);
        Assert.InRange(kept / 10000.0, 0.68, 0.72);
        Assert.All(a.Where(v => v != 0f), v => Assert.Equal(1f / 0.7f, v, 5));
    }

    [Fact]
    public void Dropout_IsIdentityInEvalMode()
    {
        var d = new Dropout(0.5f);
        d.Build([4], new Random(1));
        using var ctx = LayerContext.Create();
        var x = new Tensor([1f, 2f, 3f, 4f], 1, 4);
        Assert.Equal(x.Span.ToArray(), d.Forward(x, ctx).Span.ToArray());
    }

    [Fact]
    public void Dropout_GradientMatchesFiniteDifferences()
    {
        var d = new Dropout(0.4f);
        d.Build([20], new Random(1));
        // Reseed before each forward so every finite-difference evaluation sees the same mask.
        using var ctx = LayerContext.Create(1, training: true);
        var x = GradientCheck.Random(3, -1f, 1f, 3, 20);
        d.Reseed(5);
        var y = d.Forward(x, ctx).Span.ToArray();
        var dx = d.Backward(new Tensor(Enumerable.Repeat(1f, 60).ToArray(), 3, 20), ctx, true)!.Span.ToArray();
        for (int i = 0; i < 60; i++)
        {
            Assert.Equal(y[i] == 0f ? 0f : 1f / 0.6f, dx[i], 5);
        }
    }
}
