using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class PositionImportanceTests
{
    [Fact]
    public void Signal_IsTheMapAtTheObservedBase_AndZeroAtN()
    {
        var codes = TestInputs.Codes("AGN");
        var maps = new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
        Assert.Equal(new double[] { 1, 7, 0 }, PositionImportance.Signal(codes, maps));
    }

    [Fact]
    public void CorrectedNorm_IsTheL2NormAfterRemovingTheChannelMean()
    {
        // [1, 2, 3, 6] → [-2, -1, 0, 3], norm √14; a constant row has norm 0.
        var r = PositionImportance.CorrectedNorm(new float[] { 1, 2, 3, 6, 5, 5, 5, 5 });
        Assert.Equal(Math.Sqrt(14), r[0], 12);
        Assert.Equal(0, r[1]);
    }

    [Fact]
    public void Compute_AbsoluteSignal_TakesTheMagnitude()
    {
        var codes = TestInputs.Codes("CT");
        var maps = new float[] { 0, -3, 0, 0, 0, 0, 0, 2 };
        Assert.Equal(new double[] { 3, 2 }, PositionImportance.Compute(codes, maps, ImportanceKind.AbsoluteSignal));
    }
}
