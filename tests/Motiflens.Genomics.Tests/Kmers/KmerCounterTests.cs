using System.Diagnostics;
using Xunit.Abstractions;
using Motiflens.Genomics.Kmers;

namespace Motiflens.Genomics.Tests.Kmers;

public class KmerCounterTests
{
    private static byte[] Codes(string s) => s.Select(Alphabet.CodeOf).ToArray();

    [Fact]
    public void Count_OverlappingDinucleotides_MatchHandCount()
    {
        // AACGAA: AA, AC, CG, GA, AA → AA twice.
        var counts = KmerCounter.Count(Codes("AACGAA"), 2);
        Assert.Equal(2, counts[KmerIndex.Encode("AA")]);
        Assert.Equal(1, counts[KmerIndex.Encode("AC")]);
        Assert.Equal(1, counts[KmerIndex.Encode("CG")]);
        Assert.Equal(1, counts[KmerIndex.Encode("GA")]);
        Assert.Equal(5, counts.Sum());
    }

    [Fact]
    public void Count_SkipsEveryWindowContainingN()
    {
        // ACGNTTA: k=3 windows ACG, CGN, GNT, NTT, TTA → only ACG and TTA count.
        var counts = KmerCounter.Count(Codes("ACGNTTA"), 3);
        Assert.Equal(1, counts[KmerIndex.Encode("ACG")]);
        Assert.Equal(1, counts[KmerIndex.Encode("TTA")]);
        Assert.Equal(2, counts.Sum());
    }

    [Fact]
    public void Count_SequenceShorterThanK_CountsNothing()
    {
        Assert.Equal(0, KmerCounter.Count(Codes("ACG"), 4).Sum());
    }

    [Fact]
    public void CountWeighted_AddsTheWeightOfEachStartPosition()
    {
        var counts = new double[16];
        // AAAT: starts 0 (AA), 1 (AA), 2 (AT).
        KmerCounter.CountWeighted(Codes("AAAT"), 2, new[] { 0.5, 0.25, 2.0 }, counts);
        Assert.Equal(0.75, counts[KmerIndex.Encode("AA")]);
        Assert.Equal(2.0, counts[KmerIndex.Encode("AT")]);
    }

    [Fact]
    public void CountWeighted_IgnoresWeightsOfWindowsWithN()
    {
        var counts = new double[16];
        KmerCounter.CountWeighted(Codes("ANAT"), 2, new[] { 10.0, 20.0, 1.0 }, counts);
        Assert.Equal(1.0, counts.Sum());
        Assert.Equal(1.0, counts[KmerIndex.Encode("AT")]);
    }

    [Fact]
    public void Count_AgreesWithNaiveWindowEncoding_ForEveryK()
    {
        var random = new Random(7);
        var codes = new byte[300];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)(random.Next(20) == 0 ? 4 : random.Next(4));
        }

        for (int k = 1; k <= 12; k++)
        {
            var expected = new Dictionary<int, long>();
            for (int j = 0; j + k <= codes.Length; j++)
            {
                int index = KmerIndex.Encode(codes.AsSpan(j, k));
                if (index >= 0)
                {
                    expected[index] = expected.GetValueOrDefault(index) + 1;
                }
            }

            var counts = KmerCounter.Count(codes, k);
            Assert.Equal(expected.Values.Sum(), counts.Sum());
            foreach (var (index, n) in expected)
            {
                Assert.Equal(n, counts[index]);
            }
        }
    }
}
