namespace Motiflens.Engine.Tests;

public class TensorTests
{
    [Fact]
    public void Tensor_IndexesRowMajorAndClonesDeeply()
    {
        var t = new Tensor(2, 3, 4);
        t[1, 2, 3] = 5f;
        Assert.Equal(5f, t.Data[(1 * 3 + 2) * 4 + 3]);
        Assert.Equal(24, t.Size);
        Assert.Equal(12, t.SampleSize);
        var c = t.Clone();
        c[1, 2, 3] = 1f;
        Assert.Equal(5f, t[1, 2, 3]);
        Assert.Throws<IndexOutOfRangeException>(() => t[2, 0, 0]);
        Assert.Throws<ArgumentException>(() => new Tensor(new float[3], 2, 2));
    }

    [Fact]
    public void Ensure_ReusesStorageForSmallerBatches()
    {
        Tensor? buffer = null;
        var a = Tensor.Ensure(ref buffer, 8, [5, 4]);
        var data = a.Data;
        var b = Tensor.Ensure(ref buffer, 3, [5, 4]);
        Assert.Same(data, b.Data);
        Assert.Equal([3, 5, 4], b.ShapeArray());
        Assert.Equal(60, b.Size);
        var c = Tensor.Ensure(ref buffer, 3, [4, 5]);
        Assert.Equal([3, 4, 5], c.ShapeArray());
    }
}
