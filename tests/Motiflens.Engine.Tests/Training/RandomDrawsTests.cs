using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class RandomDrawsTests
{
    [Theory]
    [InlineData(0.3f, 20001)]
    [InlineData(2f, 4000)]
    public void AddGaussian_AddsZeroMeanNoiseWithTheRequestedSigma(float sigma, int count)
    {
        var values = Enumerable.Repeat(5f, count).ToArray();
        RandomDraws.AddGaussian(new Random(3), values, sigma);
        double mean = values.Average(v => (double)v);
        double sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        double se = sigma / Math.Sqrt(count);
        Assert.Equal(5.0, mean, 4 * se);
        Assert.Equal(sigma, sd, 4 * sigma / Math.Sqrt(2.0 * count));
        Assert.NotEqual(5f, values[count - 1]); // the odd tail value is drawn too
    }

    [Fact]
    public void Gamma_HasMeanAndVarianceEqualToTheShape()
    {
        foreach (double shape in new[] { 0.3, 2.5 })
        {
            var rng = new Random(8);
            var draws = Enumerable.Range(0, 20000).Select(_ => RandomDraws.Gamma(rng, shape)).ToArray();
            double mean = draws.Average();
            double variance = draws.Select(v => (v - mean) * (v - mean)).Average();
            Assert.All(draws, v => Assert.True(v >= 0));
            Assert.Equal(shape, mean, 0.03 * Math.Max(1, shape));
            Assert.Equal(shape, variance, 0.08 * Math.Max(1, shape));
        }
    }
}
