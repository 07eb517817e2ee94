using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class ArraySupervisedDataTests
{
    [Fact]
    public void FillBatch_CopiesTheRequestedRowsInOrder()
    {
        byte[] codes = [0, 1, 2, 3, 4, 0];      // (3, 2)
        float[] targets = [1, 0, 0, 1, 1, 1];   // (3, 2)
        var data = new ArraySupervisedData(codes, targets, 3, 2, 4, 2);
        var c = new byte[4];
        var t = new float[4];
        data.FillBatch([2, 0], c, t);
        Assert.Equal([4, 0, 0, 1], c);
        Assert.Equal([1, 1, 1, 0], t);
    }

    [Fact]
    public void Constructor_RejectsMismatchedSizes()
    {
        Assert.Throws<ArgumentException>(() => new ArraySupervisedData(new byte[5], new float[2], 2, 3, 4, 1));
    }
}
