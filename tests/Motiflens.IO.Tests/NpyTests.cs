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

    [Fact]
    public void WriteHeader_ThenReadHeader_LeavesTheStreamAtTheData()
    {
        using var ms = new MemoryStream();
        Npy.WriteHeader(ms, new NpyDType(NpyKind.UInt8), [2, 3, 4]);
        long dataStart = ms.Position;
        ms.Write(new byte[24]);
        ms.Position = 0;
        var header = Npy.ReadHeader(ms, "mem");
        Assert.Equal(new NpyDType(NpyKind.UInt8), header.DType);
        Assert.False(header.FortranOrder);
        Assert.Equal(new[] { 2, 3, 4 }, header.Shape);
        Assert.Equal(24, header.Count);
        Assert.Equal(dataStart, ms.Position);
        Assert.Equal(0, dataStart % 64);
    }

    [Fact]
    public void ReadHeader_RejectsBigEndianWithTheSourceName()
    {
        var text = "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }";
        var header = System.Text.Encoding.Latin1.GetBytes(text.PadRight(117) + "\n");
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
        ms.Write(header);
        ms.Position = 0;
        var ex = Assert.Throws<InputException>(() => Npy.ReadHeader(ms, "data.npz: x_train"));
        Assert.StartsWith("data.npz: x_train: big-endian dtype '>f4'", ex.Message);
    }
}
