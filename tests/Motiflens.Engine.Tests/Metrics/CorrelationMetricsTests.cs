using Motiflens.Engine.Metrics;

namespace Motiflens.Engine.Tests.Metrics;

public class CorrelationMetricsTests
{
    [Fact]
    public void Pearson_MatchesHandComputedValue()
    {
        // x = 1,2,3,4; y = 2,4,5,4. Means 2.5, 3.75. Sxy = 3.5, Sxx = 5, Syy = 4.75.
        double expected = 3.5 / Math.Sqrt(5 * 4.75);
        Assert.Equal(expected, CorrelationMetrics.Pearson([1, 2, 3, 4], [2, 4, 5, 4]), 12);
    }

    [Fact]
    public void Pearson_ConstantInputIsNaN()
    {
        Assert.True(double.IsNaN(CorrelationMetrics.Pearson([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(CorrelationMetrics.Pearson([1], [2])));
    }

    [Fact]
    public void Spearman_UsesAverageRanksForTies()
    {
        // x ranks: 1, 2.5, 2.5, 4; y = 1, 3, 2, 4 ranks 1, 3, 2, 4.
        // scipy.stats.spearmanr([1,2,2,3],[1,3,2,4]) = 0.9486832980505138.
        Assert.Equal(0.9486832980505138, CorrelationMetrics.Spearman([1, 2, 2, 3], [1, 3, 2, 4]), 12);
    }

    [Fact]
    public void Spearman_MonotoneTransformIsOne()
    {
        Assert.Equal(1.0, CorrelationMetrics.Spearman([1, 2, 3, 4, 5], [1, 8, 27, 64, 125]), 12);
        Assert.Equal(-1.0, CorrelationMetrics.Spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]), 12);
    }
}
