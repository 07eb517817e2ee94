using Motiflens.Genomics.Kmers;

namespace Motiflens.Genomics.Tests.Kmers;

public class KmerWindowsTests
{
    [Fact]
    public void Windows_RollOverTheSequenceAndSkipWindowsWithN()
    {
        // A C G N T T G: the 2-mers AC(1) CG(6) at 0 and 1, then TT(15) at 4 and TG(14) at 5; CN, NT are skipped.
        byte[] codes = [0, 1, 2, 4, 3, 3, 2];
        var found = new List<KmerWindow>();
        foreach (var w in new KmerWindows(codes, 2))
        {
            found.Add(w);
        }

        Assert.Equal([new KmerWindow(0, 1), new KmerWindow(1, 6), new KmerWindow(4, 15), new KmerWindow(5, 14)], found);
    }

    [Fact]
    public void Windows_ShorterSequenceThanK_IsEmptyAndBadKThrows()
    {
        int n = 0;
        foreach (var unused in new KmerWindows([0, 1], 3))
        {
            n++;
        }

        Assert.Equal(0, n);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = new KmerWindows([0], 0); });
    }
}
