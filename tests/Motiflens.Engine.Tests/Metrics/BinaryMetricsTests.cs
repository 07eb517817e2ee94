using Motiflens.Engine.Metrics;

namespace Motiflens.Engine.Tests.Metrics;

public class BinaryMetricsTests
{
    [Fact]
    public void Auroc_PerfectSeparationIsOneAndReversedIsZero()
    {
        float[] y = [0, 0, 1, 1];
        Assert.Equal(1.0, BinaryMetrics.Auroc([0.1f, 0.2f, 0.8f, 0.9f], y), 12);
        Assert.Equal(0.0, BinaryMetrics.Auroc([0.9f, 0.8f, 0.2f, 0.1f], y), 12);
    }

    [Fact]
    public void Auroc_MatchesHandComputedValueWithTies()
    {
        // sklearn.metrics.roc_auc_score([0,0,1,1,0,1], [0.1,0.4,0.35,0.8,0.4,0.4]) = 0.6666...
        // Pairs (pos, neg): 3 x 3 = 9. Positives 0.35, 0.8, 0.4; negatives 0.1, 0.4, 0.4.
        // 0.35 beats 0.1 (1); 0.8 beats all (3); 0.4 beats 0.1 (1) and ties two (0.5 + 0.5) -> 6 / 9.
        float[] s = [0.1f, 0.4f, 0.35f, 0.8f, 0.4f, 0.4f];
        float[] y = [0, 0, 1, 1, 0, 1];
        Assert.Equal(6.0 / 9.0, BinaryMetrics.Auroc(s, y), 12);
    }

    [Fact]
    public void Auroc_AllScoresTiedIsOneHalf()
    {
        Assert.Equal(0.5, BinaryMetrics.Auroc([0.3f, 0.3f, 0.3f], [0, 1, 1]), 12);
    }

    [Fact]
    public void Auroc_SingleClassIsNaN()
    {
        Assert.True(double.IsNaN(BinaryMetrics.Auroc([0.1f, 0.9f], [1, 1])));
        Assert.True(double.IsNaN(BinaryMetrics.Auroc([0.1f, 0.9f], [0, 0])));
    }

    [Fact]
    public void Auroc_SkipsNaNLabels()
    {
        Assert.Equal(1.0, BinaryMetrics.Auroc([0.1f, 0.9f, 0.95f, 0.8f], [0, 1, float.NaN, 1]), 12);
    }

    [Fact]
    public void AveragePrecision_MatchesHandComputedValue()
    {
        // sklearn average_precision_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.8333...
        // Thresholds high->low: 0.8 (tp1, P=1, R=.5), 0.4 (tp1, P=.5), 0.35 (tp2, P=2/3, R=1), 0.1.
        // AP = 0.5*1 + 0 + 0.5*(2/3) = 0.8333.
        Assert.Equal(0.5 + (0.5 * 2.0 / 3.0), BinaryMetrics.AveragePrecision([0.1f, 0.4f, 0.35f, 0.8f], [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void AveragePrecision_TiedScoresEnterTogether()
    {
        // All tied: one threshold, recall 1 at precision 2/4.
        Assert.Equal(0.5, BinaryMetrics.AveragePrecision([0.7f, 0.7f, 0.7f, 0.7f], [1, 0, 1, 0]), 12);

        // sklearn average_precision_score([0,0,1,1,0,1], [0.1,0.4,0.35,0.8,0.4,0.4]):
        // 0.8: tp1/1, R=1/3; 0.4 (three tied): tp2/4, R=2/3; 0.35: tp3/5, R=1; 0.1: no change.
        double expected = (1.0 / 3 * 1.0) + (1.0 / 3 * 0.5) + (1.0 / 3 * 0.6);
        Assert.Equal(expected, BinaryMetrics.AveragePrecision([0.1f, 0.4f, 0.35f, 0.8f, 0.4f, 0.4f], [0, 0, 1, 1, 0, 1]), 12);
    }

    [Fact]
    public void AveragePrecision_NoPositivesIsNaN()
    {
        Assert.True(double.IsNaN(BinaryMetrics.AveragePrecision([0.2f, 0.3f], [0, 0])));
    }

    [Fact]
    public void Accuracy_ThresholdsAtOneHalf()
    {
        // Predictions: 0, 1, 0 (0.5 is not above the threshold), 1 vs labels 0, 1, 1, 0 -> 2 of 4.
        Assert.Equal(0.5, BinaryMetrics.Accuracy([0.2f, 0.7f, 0.5f, 0.9f], [0, 1, 1, 0]), 12);
    }
}
