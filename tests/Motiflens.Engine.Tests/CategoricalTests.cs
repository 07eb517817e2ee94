namespace Motiflens.Engine.Tests;

public class CategoricalTests
{
    [Fact]
    public void Softmax_AndLogSoftmax_AreConsistentAndStable()
    {
        float[] z = [1000f, 1001f, 999f];
        var p = new float[3];
        var lp = new float[3];
        Categorical.Softmax(z, p);
        Categorical.LogSoftmax(z, lp);
        Assert.Equal(1f, p.Sum(), 5);
        Assert.Equal(MathF.Exp(1) / (1 + MathF.Exp(1) + MathF.Exp(-1)), p[1], 5);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(MathF.Log(p[i]), lp[i], 4));
    }

    [Fact]
    public void LogSumExp_IsStableAndMatchesTheDirectSum()
    {
        // log(e^0 + e^0 + e^0 + e^0) = log 4, shifted by the common offset 1000 without overflowing.
        Assert.Equal(1000 + Math.Log(4), Categorical.LogSumExp<double>([1000, 1000, 1000, 1000]), 12);
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(-3)), Categorical.LogSumExp<double>([1, 2, -3]), 12);
        Assert.Equal(Math.Log(1 + Math.E), Categorical.LogSumExp<float>([0f, 1f]), 6);
        Assert.Equal(-800.0, Categorical.LogSumExp<double>([-800, double.NegativeInfinity]), 12);
        Assert.Throws<ArgumentException>(() => Categorical.LogSumExp<float>([]));
    }

    [Fact]
    public void Sample_FollowsTheWeightsAndIsSeeded()
    {
        float[] w = [1f, 0f, 3f];
        var counts = new int[3];
        var rng = new Random(5);
        for (int i = 0; i < 4000; i++)
        {
            counts[Categorical.Sample(w, rng)]++;
        }

        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[2] / 4000.0, 0.72, 0.78);
        Assert.Equal(Categorical.SampleFromLogits([0f, 1f, 2f], new Random(3)), Categorical.SampleFromLogits([0f, 1f, 2f], new Random(3)));
        Assert.Throws<ArgumentException>(() => Categorical.Sample([0f, 0f], rng));
    }
}
