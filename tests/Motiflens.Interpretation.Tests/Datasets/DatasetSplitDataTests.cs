using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Datasets;

namespace Motiflens.Interpretation.Tests.Datasets;

public class DatasetSplitDataTests
{
    [Fact]
    public void FillBatch_CopiesTheChosenRowsCodesAndTargets()
    {
        // N=3, L=2, T=2.
        var split = new DatasetSplit("train", 3, 2, 2, [0, 1, 2, 3, 4, 0], [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f]);
        var data = new DatasetSplitData(split);
        var codes = new byte[4];
        var targets = new float[4];
        data.FillBatch([2, 0], codes, targets);

        Assert.Equal((3, 2, 4, 2), (data.Count, data.Length, data.Channels, data.Tasks));
        Assert.Equal([4, 0, 0, 1], codes);
        Assert.Equal([0.5f, 0.6f, 0.1f, 0.2f], targets);
        Assert.Equal(5, new DatasetSplitData(split, 5).Channels);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetSplitData(split, 0));
    }
}
