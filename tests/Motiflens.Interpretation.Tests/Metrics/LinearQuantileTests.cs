using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class LinearQuantileTests
{
    [Fact]
    public void Compute_InterpolatesBetweenOrderStatistics()
    {
        // n = 5, q = 0.9 → h = 3.6: 4 + 0.6·(10 − 4) = 7.6.
        Assert.Equal(7.6, LinearQuantile.Compute(new double[] { 10, 1, 4, 2, 3 }, 0.9), 12);
        Assert.Equal(1, LinearQuantile.Compute(new double[] { 10, 1, 4, 2, 3 }, 0));
        Assert.Equal(10, LinearQuantile.Compute(new double[] { 10, 1, 4, 2, 3 }, 1));
    }

    [Fact]
    public void Compute_TiedNeighbours_GiveExactlyTheTiedValue()
    {
        Assert.Equal(0.3, LinearQuantile.Compute(new double[] { 0.1, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3 }, 0.9));
    }

    [Fact]
    public void Compute_MatchesNumpyQuantile()
    {
        using var golden = TestInputs.Golden("kld_golden.npz");
        var maps = golden.Get("maps").ToFloat32();
        int length = golden.Get("maps").Shape[1];
        var r = PositionImportance.CorrectedNorm(maps.AsSpan(0, length * 4));
        var qs = golden.Get("quantile_q").ToFloat64();
        var expected = golden.Get("quantiles_seq0").ToFloat64();
        for (int i = 0; i < qs.Length; i++)
        {
            TestInputs.AssertRelative(expected[i], LinearQuantile.Compute(r, qs[i]), 1e-12);
        }
    }
}
