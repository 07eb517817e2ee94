using FsCheck;
using FsCheck.Fluent;

namespace Motiflens.Genomics.Tests;

public class AlphabetTests
{
    [Fact]
    public void Encode_MapsLettersCaseInsensitivelyAndReadsUAsT()
    {
        Assert.Equal(new byte[] { 0, 1, 2, 3, 0, 1, 2, 3, 3, 3 }, Alphabet.Encode("ACGTacgtUu"));
    }

    [Fact]
    public void Encode_MapsEveryIupacAmbiguityCodeToN()
    {
        Assert.All(Alphabet.Encode("NRYSWKMBDHVnrysw"), c => Assert.Equal(Alphabet.N, c));
    }

    [Fact]
    public void Encode_ReportsFirstNonIupacCharacter()
    {
        var ascii = "ACGTXAC"u8;
        var codes = new byte[ascii.Length];
        Assert.Equal(4, Alphabet.Encode(ascii, codes));
        Assert.Throws<ArgumentException>(() => Alphabet.Encode("AC-G"));
    }

    [Fact]
    public void Encode_RejectsAmbiguousLettersOnlyWhenAsked()
    {
        var ascii = "ACGNT"u8;
        var codes = new byte[ascii.Length];
        Assert.Equal(-1, Alphabet.Encode(ascii, codes));
        Assert.Equal(3, Alphabet.Encode(ascii, codes, rejectAmbiguous: true));
    }

    [Fact]
    public void ReverseComplement_ComplementsAndReversesKeepingN()
    {
        Assert.Equal("NACGGT", Alphabet.Decode(Alphabet.ReverseComplement(Alphabet.Encode("ACCGTN"))));
    }

    [Fact]
    public void OneHot_WritesOneChannelPerBaseAndZeroRowsForN()
    {
        var dest = new float[12];
        Array.Fill(dest, 9f);
        Alphabet.OneHot(Alphabet.Encode("GNA"), dest);
        Assert.Equal(new float[] { 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0 }, dest);
    }

    [Fact]
    public void FromOneHot_RejectsRowsThatAreNotOneHot()
    {
        var codes = new byte[2];
        Assert.Equal(1, Alphabet.FromOneHot(new float[] { 1, 0, 0, 0, 0.5f, 0.5f, 0, 0 }, codes));
        Assert.Equal(1, Alphabet.FromOneHot(new float[] { 1, 0, 0, 0, 1, 1, 0, 0 }, codes));
    }

    [Fact]
    public void OneHotAndCodes_RoundTrip()
    {
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(0, 4)).ToArbitrary(),
            ints =>
            {
                var codes = Array.ConvertAll(ints, i => (byte)i);
                var hot = new float[codes.Length * 4];
                Alphabet.OneHot(codes, hot);
                var back = new byte[codes.Length];
                return Alphabet.FromOneHot(hot, back) == -1 && back.AsSpan().SequenceEqual(codes);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ReverseComplement_IsAnInvolution()
    {
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(0, 4)).ToArbitrary(),
            ints =>
            {
                var codes = Array.ConvertAll(ints, i => (byte)i);
                return Alphabet.ReverseComplement(Alphabet.ReverseComplement(codes)).AsSpan().SequenceEqual(codes);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryIupacProbabilities_SplitsMassOverAllowedBases()
    {
        var p = new double[4];
        Assert.True(Alphabet.TryIupacProbabilities('r', p));
        Assert.Equal(new[] { 0.5, 0, 0.5, 0 }, p);
        Assert.False(Alphabet.TryIupacProbabilities('X', p));
    }
}
