using Motiflens.Genomics.Simulation;

namespace Motiflens.Genomics.Tests.Simulation;

public class EmbeddingDensityTests
{
    [Fact]
    public void Draw_StaysInRangeAndHonoursZeroProbability()
    {
        var r = new Random(1);
        var d = new EmbeddingDensity(Mean: 2, Min: 1, Max: 4, ZeroProbability: 0.25);
        var draws = Enumerable.Range(0, 20_000).Select(_ => d.Draw(r)).ToArray();
        Assert.All(draws, n => Assert.True(n == 0 || n is >= 1 and <= 4));
        Assert.InRange(draws.Count(n => n == 0) / 20_000.0, 0.23, 0.27);
    }

    [Fact]
    public void Poisson_HasTheRequestedMean()
    {
        var r = new Random(2);
        double mean = Enumerable.Range(0, 50_000).Average(_ => EmbeddingDensity.Poisson(1.5, r));
        Assert.InRange(mean, 1.47, 1.53);
    }

    [Fact]
    public void Validate_RejectsInvertedRange()
    {
        Assert.Throws<ArgumentException>(() => new EmbeddingDensity(Min: 3, Max: 1).Validate());
    }
}
