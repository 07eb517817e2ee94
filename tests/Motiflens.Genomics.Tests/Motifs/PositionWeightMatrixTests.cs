using Motiflens.Genomics.Motifs;

namespace Motiflens.Genomics.Tests.Motifs;

public class PositionWeightMatrixTests
{
    private static PositionWeightMatrix Make(params double[] p) => new("m", "m", p);

    [Fact]
    public void FromCounts_AddsPseudocountPerBase()
    {
        var m = PositionWeightMatrix.FromCounts("x", null, [6, 0, 2, 0], pseudocount: 1);
        Assert.Equal(new[] { 7 / 12.0, 1 / 12.0, 3 / 12.0, 1 / 12.0 }, m.Row(0).ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal(8, m.Sites);
    }

    [Fact]
    public void InformationContent_IsTwoBitsForAFixedBaseAndZeroForUniform()
    {
        var m = Make(1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25, 0.5, 0.5, 0, 0);
        Assert.Equal(2, m.InformationContent(0), 12);
        Assert.Equal(0, m.InformationContent(1), 12);
        Assert.Equal(1, m.InformationContent(2), 12);
        Assert.Equal(3, m.TotalInformation, 12);
    }

    [Fact]
    public void ReverseComplement_ReversesRowsAndSwapsComplements()
    {
        var m = Make(0.7, 0.1, 0.1, 0.1, 0, 0, 0.2, 0.8).ReverseComplement();
        Assert.Equal(new[] { 0.8, 0.2, 0, 0, 0.1, 0.1, 0.1, 0.7 }, m.Probabilities.ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Consensus_UsesBasesTwoBaseCodesAndN()
    {
        var m = Make(0.9, 0.05, 0.05, 0, 0.4, 0, 0.4, 0.2, 0.25, 0.25, 0.25, 0.25);
        Assert.Equal("ARN", m.Consensus());
    }

    [Fact]
    public void Trim_RemovesLowInformationFlanksOnly()
    {
        var m = Make(0.25, 0.25, 0.25, 0.25, 1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25, 0, 1, 0, 0, 0.3, 0.2, 0.3, 0.2);
        var t = m.Trim(0.5);
        Assert.Equal(3, t.Width);
        Assert.Equal("ANC", t.Consensus());
    }

    [Fact]
    public void FromConsensus_SpreadsMassOverAllowedBases()
    {
        var m = PositionWeightMatrix.FromConsensus("c", null, "AW", epsilon: 0.01);
        Assert.Equal(0.97, m[0, 0], 12);
        Assert.Equal(0.48 + 0.01, m[1, 0], 12);
        Assert.Equal(0.49, m[1, 3], 12);
        Assert.Equal(0.01, m[1, 1], 12);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
