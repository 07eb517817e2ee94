using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class MixupTests
{
    [Fact]
    public void Mix_IsTheConvexCombinationWithThePermutedSample()
    {
        // Three samples of two values; π = (2, 0, 1), λ = 0.25.
        float[] x = [1, 0, 0, 1, 4, 8];
        var d = new float[6];
        Mixup.Mix(x, 2, [2, 0, 1], 0.25f, d);
        Assert.Equal([0.25f * 1 + 0.75f * 4, 0.25f * 0 + 0.75f * 8, 0.25f * 0 + 0.75f * 1, 0.25f * 1 + 0.75f * 0, 0.25f * 4 + 0.75f * 0, 0.25f * 8 + 0.75f * 1], d);
    }

    [Fact]
    public void Mix_PropagatesAMissingTargetSoTheLossMasksIt()
    {
        float[] y = [1, float.NaN];
        var d = new float[2];
        Mixup.Mix(y, 1, [1, 0], 1f, d);
        Assert.True(float.IsNaN(d[0]));
        Assert.True(float.IsNaN(d[1]));
    }

    [Fact]
    public void MixBackward_IsTheAdjointOfMix()
    {
        // <Mix(x), g> = <x, MixBackward(g)> for every x and g: the backward is exactly the transpose of the linear map.
        var rng = new Random(3);
        int n = 5, s = 3;
        var x = Enumerable.Range(0, n * s).Select(_ => (float)rng.NextDouble()).ToArray();
        var g = Enumerable.Range(0, n * s).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        int[] perm = [3, 3, 0, 4, 1]; // not a bijection: both rows 0 and 1 read sample 3
        var mixed = new float[n * s];
        var dx = new float[n * s];
        Mixup.Mix(x, s, perm, 0.3f, mixed);
        Mixup.MixBackward(g, s, perm, 0.3f, dx);
        double left = mixed.Zip(g, (a, b) => (double)a * b).Sum();
        double right = x.Zip(dx, (a, b) => (double)a * b).Sum();
        Assert.Equal(left, right, 5);
        // Sample 3, first value: its own 0.3·g[9] plus 0.7 times the first values of rows 0 and 1, which read it.
        Assert.Equal(0.3 * g[9] + 0.7 * (g[0] + g[3]), dx[9], 1e-6);
    }

    [Fact]
    public void Lambda_FollowsBetaAlphaAlpha()
    {
        // Beta(α, α): mean 1/2, variance 1 / (4(2α + 1)); α = 0.4 → 0.1389.
        var rng = new Random(11);
        var draws = Enumerable.Range(0, 20000).Select(_ => (double)Mixup.Lambda(rng, 0.4)).ToArray();
        Assert.All(draws, v => Assert.InRange(v, 0, 1));
        double mean = draws.Average();
        double variance = draws.Select(v => (v - mean) * (v - mean)).Average();
        Assert.Equal(0.5, mean, 1.5e-2);
        Assert.Equal(1 / (4 * (2 * 0.4 + 1)), variance, 5e-3);
    }

    [Fact]
    public void Permutation_IsABijectionAndSeeded()
    {
        var a = Mixup.Permutation(new Random(4), 50);
        var b = Mixup.Permutation(new Random(4), 50);
        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), a);
    }
}
