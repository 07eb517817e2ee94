using Motiflens.IO;

namespace Motiflens.IO.Tests;

public class NpyTests
{
    [Fact]
    public void Float32Array_RoundTripsThroughStream()
    {
        var a = NpyArray.FromFloats([1f, -2.5f, 3f, 4f, 5f, 6f], 2, 3);
        using var ms = new MemoryStream();
        Npy.Write(ms, a);
        ms.Position = 0;
        var b = Npy.Read(ms, "mem");
        Assert.Equal(new[] { 2, 3 }, b.Shape);
        Assert.Equal(a.Get<float>(), b.Get<float>());
    }

    [Fact]
    public void Header_IsPaddedTo64Bytes()
    {
        using var ms = new MemoryStream();
        Npy.Write(ms, NpyArray.FromBytes([1, 2, 3], 3));
        var bytes = ms.ToArray();
        int headerLen = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLen) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLen - 1]);
    }
}
