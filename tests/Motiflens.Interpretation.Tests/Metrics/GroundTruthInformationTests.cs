using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class GroundTruthInformationTests
{
    [Fact]
    public void Compute_IsTwoPlusSumPLog2P_WithZeroLogZeroAsZero()
    {
        var info = GroundTruthInformation.Compute(new float[] { 0.25f, 0.25f, 0.25f, 0.25f, 1, 0, 0, 0, 0.5f, 0.5f, 0, 0 });
        Assert.Equal(new double[] { 0, 2, 1 }, info);
    }
}
