using FsCheck;
using FsCheck.Fluent;
using Motiflens.Genomics.Kmers;

namespace Motiflens.Genomics.Tests.Kmers;

public class DinucleotideShuffleTests
{
    // All 25 pairs over codes 0..4, so pairs that touch N are checked too.
    private static int[] PairCounts(ReadOnlySpan<byte> codes)
    {
        var counts = new int[25];
        for (int i = 0; i + 1 < codes.Length; i++)
        {
            counts[(Math.Min((int)codes[i], 4) * 5) + Math.Min((int)codes[i + 1], 4)]++;
        }

        return counts;
    }

    [Fact]
    public void Shuffle_PreservesDinucleotideCounts_ForAnySequence()
    {
        var gen = Gen.ArrayOf(Gen.Frequency((9, Gen.Choose(0, 3)), (1, Gen.Constant(4)))).Select(a => a.Select(x => (byte)x).ToArray());
        Prop.ForAll(gen.ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (codes, seed) =>
        {
            var shuffled = DinucleotideShuffle.Shuffle(codes, seed);
            return shuffled.Length == codes.Length
                   && PairCounts(shuffled).SequenceEqual(PairCounts(codes))
                   && (codes.Length == 0 || (shuffled[0] == codes[0] && shuffled[^1] == codes[^1]));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Shuffle_KeepsNAtItsPositions()
    {
        var codes = new byte[] { 0, 1, 2, 3, 0, 4, 4, 1, 1, 2, 0, 3, 3, 4, 2 };
        var shuffled = DinucleotideShuffle.Shuffle(codes, 3);
        for (int i = 0; i < codes.Length; i++)
        {
            Assert.Equal(codes[i] == 4, shuffled[i] == 4);
        }
    }

    [Fact]
    public void Shuffle_SameSeed_GivesSameSequence_DifferentSeedsDiffer()
    {
        var random = new Random(11);
        var codes = Enumerable.Range(0, 200).Select(_ => (byte)random.Next(4)).ToArray();
        var a = DinucleotideShuffle.Shuffle(codes, 42);
        var b = DinucleotideShuffle.Shuffle(codes, 42);
        var c = DinucleotideShuffle.Shuffle(codes, 43);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(codes, a);
    }

    [Fact]
    public void Shuffle_ReachesEveryArrangementWithTheSameDinucleotides()
    {
        // ACAGA with fixed ends A…A: the Eulerian paths are ACAGA and AGACA.
        var codes = new byte[] { 0, 1, 0, 2, 0 };
        var seen = new HashSet<string>();
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            seen.Add(string.Concat(DinucleotideShuffle.Shuffle(codes, random).Select(Alphabet.LetterOf)));
        }

        Assert.Equal(new[] { "ACAGA", "AGACA" }, seen.Order().ToArray());
    }
}
