using Motiflens.Genomics.Datasets;

namespace Motiflens.Genomics.Tests.Datasets;

public class DatasetSplitTests
{
    private static DatasetSplit Make() =>
        new("train", 3, 2, 1, Alphabet.Encode("ACGTNA"), [0, 1, 2]);

    [Fact]
    public void FillOneHot_EncodesTheRequestedRowsInOrder()
    {
        var dest = new float[2 * 2 * 4];
        Make().FillOneHot([2, 0], dest);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0 }, dest);
    }

    [Fact]
    public void FillOneHot_ContiguousRangeMatchesRowList()
    {
        var split = Make();
        var a = new float[16];
        var b = new float[16];
        split.FillOneHot(1, 2, a);
        split.FillOneHot([1, 2], b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Subset_CopiesSequencesAndTargets()
    {
        var s = Make().Subset("valid", [1]);
        Assert.Equal("GT", Alphabet.Decode(s.Sequence(0)));
        Assert.Equal(new float[] { 1 }, s.Targets);
        Assert.Equal("valid", s.Name);
    }

    [Fact]
    public void Constructor_RejectsMismatchedArrays()
    {
        Assert.Throws<ArgumentException>(() => new DatasetSplit("train", 2, 2, 1, new byte[3], new float[2]));
    }
}
