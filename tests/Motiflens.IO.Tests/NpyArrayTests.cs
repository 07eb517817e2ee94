using Motiflens.IO;

namespace Motiflens.IO.Tests;

public class NpyArrayTests
{
    [Fact]
    public void ToFloat32AndToFloat64_KeepTheSignOfInt8Values()
    {
        // sbyte[] also passes a runtime "is byte[]" test (CLR array covariance), so int8 must be matched first.
        var a = new NpyArray(new NpyDType(NpyKind.Int8), [3], new sbyte[] { -128, -1, 127 });
        Assert.Equal(new[] { -128f, -1f, 127f }, a.ToFloat32());
        Assert.Equal(new[] { -128.0, -1.0, 127.0 }, a.ToFloat64());
    }

    [Fact]
    public void ToFloat32_ConvertsUInt8AndBool()
    {
        Assert.Equal(new[] { 0f, 255f }, NpyArray.FromBytes([0, 255], 2).ToFloat32());
        Assert.Equal(new[] { 1f, 0f }, new NpyArray(new NpyDType(NpyKind.Bool), [2], new[] { true, false }).ToFloat32());
    }

    [Fact]
    public void FromStrings_UsesTheLongestStringInCodePointsAsWidth()
    {
        var a = NpyArray.FromStrings(["a", "😀😀x", ""]);
        Assert.Equal(new NpyDType(NpyKind.Unicode, 3), a.DType);
        Assert.Equal(new[] { 3 }, a.Shape);
    }

    [Fact]
    public void Get_RejectsTheOtherByteType()
    {
        var int8 = new NpyArray(new NpyDType(NpyKind.Int8), [1], new sbyte[] { -1 });
        Assert.Throws<InvalidOperationException>(() => int8.Get<byte>());
        Assert.Equal(new sbyte[] { -1 }, int8.Get<sbyte>());
        Assert.Throws<InvalidOperationException>(() => NpyArray.FromBytes([1], 1).Get<sbyte>());
    }
}
