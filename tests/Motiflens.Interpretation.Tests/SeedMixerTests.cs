namespace Motiflens.Interpretation.Tests;

public class SeedMixerTests
{
    [Fact]
    public void Mix_IsTheSameInEveryProcess()
    {
        // Reference values from an independent SplitMix64 implementation (Python).
        Assert.Equal(1285296372, SeedMixer.Mix(1, 2, salt: 1));
        Assert.Equal(2065550767, SeedMixer.Mix(0, 0));
        Assert.Equal(1298433219, SeedMixer.Mix(-5, 7, salt: 2));
    }

    [Fact]
    public void Mix_DifferentIndices_GiveDifferentSeeds()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => SeedMixer.Mix(3, i)).ToHashSet();
        Assert.Equal(1000, seeds.Count);
    }
}
