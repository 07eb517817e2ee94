using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class GradientCorrectionTests
{
    [Fact]
    public void Apply_SubtractsTheChannelMeanOfEveryPosition()
    {
        var maps = new float[] { 1, 2, 3, 6, -4, 0, 0, 0 };
        GradientCorrection.Apply(maps);
        Assert.Equal(new float[] { -2, -1, 0, 3, -3, 1, 1, 1 }, maps);
    }

    [Fact]
    public void Corrected_LeavesTheInputUnchanged()
    {
        var maps = new float[] { 1, 1, 1, 5 };
        var corrected = GradientCorrection.Corrected(maps);
        Assert.Equal(new float[] { -1, -1, -1, 3 }, corrected);
        Assert.Equal(new float[] { 1, 1, 1, 5 }, maps);
    }
}
