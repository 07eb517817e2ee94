using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class PeakFlopsTests
{
    [Fact]
    public void PeakFlops_IsPositiveAndNamesTheInstructionSet()
    {
        double one = PeakFlops.Measure(1, 0.05);
        Assert.True(one > 0 && double.IsFinite(one), $"peak {one}");
        Assert.Contains(PeakFlops.Isa, new[] { "avx512", "avx2-fma", "scalar" });
        Assert.Throws<ArgumentOutOfRangeException>(() => PeakFlops.Measure(0));
    }
}
