using Motiflens.Genomics.Kmers;

namespace Motiflens.Genomics.Tests.Kmers;

public class KmerIndexTests
{
    [Theory]
    [InlineData("A", 0)]
    [InlineData("T", 3)]
    [InlineData("AC", 1)]
    [InlineData("CA", 4)]
    [InlineData("ACG", 6)]
    [InlineData("TTT", 63)]
    [InlineData("GATTACA", 0b10_00_11_11_00_01_00)]
    public void Encode_FirstBaseIsMostSignificant(string kmer, int expected)
    {
        Assert.Equal(expected, KmerIndex.Encode(kmer));
        Assert.Equal(kmer, KmerIndex.Decode(expected, kmer.Length));
    }

    [Fact]
    public void Encode_KmerWithN_IsMinusOne()
    {
        Assert.Equal(-1, KmerIndex.Encode("ACN"));
    }

    [Fact]
    public void Count_IsFourToTheK_AndRejectsKOutsideOneToTwelve()
    {
        Assert.Equal(4, KmerIndex.Count(1));
        Assert.Equal(16_777_216, KmerIndex.Count(12));
        Assert.Throws<ArgumentOutOfRangeException>(() => KmerIndex.Count(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => KmerIndex.Count(13));
    }

    [Fact]
    public void ReverseComplement_OfAACG_IsCGTT()
    {
        Assert.Equal(KmerIndex.Encode("CGTT"), KmerIndex.ReverseComplement(KmerIndex.Encode("AACG"), 4));
    }
}
