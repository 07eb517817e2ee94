using Motiflens.Interpretation.Knowledge;

namespace Motiflens.Interpretation.Tests.Knowledge;

public class FilterDecoderTests
{
    [Fact]
    public void Decode_IsASoftmaxOfTheRowOverTheTemperature()
    {
        var bank = new FilterBank(1, 1, new float[] { 0.1f, 0, 0, 0 });
        var p = FilterDecoder.Decode(bank);
        double e = Math.Exp(0.1f / 0.1);
        Assert.Equal(e / (e + 3), p[0], 12);
        Assert.Equal(1 / (e + 3), p[1], 12);
        Assert.Equal(1, p.Sum(), 12);
    }

    [Fact]
    public void DecodeLog_HugeWeights_StayFinite()
    {
        var bank = new FilterBank(1, 1, new float[] { 1000, 0, 0, 0 });
        var log = FilterDecoder.DecodeLog(bank);
        Assert.Equal(0, log[0], 12);
        Assert.Equal(-10000, log[1], 6);
    }

    [Fact]
    public void Decode_NonPositiveTemperature_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDecoder.Decode(new FilterBank(1, 1, new float[4]), 0));
    }
}
