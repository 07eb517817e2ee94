using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class KmerDivergenceTests
{
    [Fact]
    public void KullbackLeibler_NormalisesAndSkipsZeroP()
    {
        // P = (1/2, 1/2, 0), Q = (1/4, 1/4, 1/2) → ln 2.
        Assert.Equal(Math.Log(2), KmerDivergence.KullbackLeibler(new double[] { 2, 2, 0 }, new double[] { 1, 1, 2 }), 12);
    }

    [Fact]
    public void KullbackLeibler_PWhereQIsZero_IsInfinite_AndEmptyPIsNaN()
    {
        Assert.Equal(double.PositiveInfinity, KmerDivergence.KullbackLeibler(new double[] { 1, 1 }, new double[] { 1, 0 }));
        Assert.True(double.IsNaN(KmerDivergence.KullbackLeibler(new double[] { 0, 0 }, new double[] { 1, 0 })));
    }

    [Fact]
    public void BackgroundCounts_DoNotCrossSequenceBoundaries()
    {
        // "AC" + "GT" as two sequences: AC and GT only, never CG.
        var q = KmerDivergence.BackgroundCounts(TestInputs.Codes("AC", "GT"), 2, 2);
        Assert.Equal(2, q.Sum());
        Assert.Equal(0, q[6]);
    }
}
