using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class InterpretabilityScoreTests
{
    [Fact]
    public void OfSequence_MatchesHandComputedRocAndPrAreas()
    {
        // Motif scores {3, 1}, background {2, 0, 0}; a 0.05-bit position is neither and is ignored.
        // AUROC = 5/6. PR points (R, P): (0,1) (.5,1) (.5,.5) (1,2/3) (1,.4) → 0.5 + 0.5·(0.5 + 2/3)/2 = 19/24.
        double[] s = [3, 2, 1, 0, 0, 50];
        double[] info = [2, 0, 1, 0, 0, 0.05];
        var (auroc, aupr) = InterpretabilityScore.OfSequence(s, info);
        Assert.Equal(5.0 / 6.0, auroc, 12);
        Assert.Equal(19.0 / 24.0, aupr, 12);
    }

    [Fact]
    public void OfSequence_TiedScoresAcrossClasses_CountOneHalf()
    {
        var (auroc, _) = InterpretabilityScore.OfSequence(new double[] { 1, 1 }, new double[] { 2, 0 });
        Assert.Equal(0.5, auroc);
    }

    [Fact]
    public void Compute_MatchesNumpyGolden()
    {
        using var golden = TestInputs.Golden("groundtruth_golden.npz");
        var codes = golden.Get("codes").Get<byte>();
        int length = golden.Get("codes").Shape[1];
        var result = InterpretabilityScore.Compute(codes, golden.Get("maps").ToFloat32(), golden.Get("pwm").ToFloat32(), length);
        TestInputs.AssertRelative(golden.Get("auroc").ToFloat64()[0], result.Auroc);
        TestInputs.AssertRelative(golden.Get("aupr").ToFloat64()[0], result.Aupr);
        Assert.True(double.IsNaN(result.PerSequenceAuroc[^1]));
    }
}
