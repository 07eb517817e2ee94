using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class SignalToNoiseTests
{
    // Two motif positions (I = 2) then 12 background positions (I = 0).
    private static readonly double[] Info = [2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    [Fact]
    public void OfSequence_IsMotifMeanOverMeanOfTopTenPositiveBackground()
    {
        // Signal (4 + 2)/2 = 3; background positives 1..10 → noise 5.5.
        double[] s = [4, 2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(3 / 5.5, SignalToNoise.OfSequence(s, Info), 12);
    }

    [Fact]
    public void OfSequence_TopTenOfMoreThanTen_UsesTheLargest()
    {
        double[] s = [3, 3, 100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        Assert.Equal(3 / ((100 + 9.0) / 10), SignalToNoise.OfSequence(s, Info), 12);
    }

    [Fact]
    public void OfSequence_FewerThanTenPositiveBackground_IsZero()
    {
        double[] s = [4, 2, -1, -2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
        Assert.Equal(0, SignalToNoise.OfSequence(s, Info));
    }

    [Fact]
    public void OfSequence_NoMotifPosition_IsNaN()
    {
        Assert.True(double.IsNaN(SignalToNoise.OfSequence(new double[4], new double[4])));
    }

    [Fact]
    public void Compute_MatchesNumpyGolden_IgnoringNaN()
    {
        using var golden = TestInputs.Golden("groundtruth_golden.npz");
        var codes = golden.Get("codes").Get<byte>();
        int length = golden.Get("codes").Shape[1];
        var result = SignalToNoise.Compute(codes, golden.Get("maps").ToFloat32(), golden.Get("pwm").ToFloat32(), length);
        var each = golden.Get("snr_each").ToFloat64();
        for (int i = 0; i < each.Length; i++)
        {
            if (double.IsNaN(each[i]))
            {
                Assert.True(double.IsNaN(result.PerSequence[i]));
            }
            else
            {
                TestInputs.AssertRelative(each[i], result.PerSequence[i]);
            }
        }

        TestInputs.AssertRelative(golden.Get("snr").ToFloat64()[0], result.Mean);
    }
}
