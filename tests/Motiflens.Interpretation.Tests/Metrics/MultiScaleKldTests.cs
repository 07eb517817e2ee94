using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class MultiScaleKldTests
{
    [Fact]
    public void Combine_IsTheWeightedSum()
    {
        var weights = LengthWeights.Parse("{\"3\": 1, \"4\": 3}");
        Assert.Equal((0.25 * 2.0) + (0.75 * 4.0), MultiScaleKld.Combine(new Dictionary<int, double> { [3] = 2.0, [4] = 4.0, [5] = 100 }, weights), 12);
    }

    [Fact]
    public void Combine_MissingK_Throws()
    {
        Assert.Throws<ArgumentException>(() => MultiScaleKld.Combine(new Dictionary<int, double> { [3] = 1 }));
    }

    [Fact]
    public void Compute_EqualsCombinationOfWeightedKlds()
    {
        using var golden = TestInputs.Golden("kld_golden.npz");
        var codes = golden.Get("codes").Get<byte>();
        var maps = golden.Get("maps").ToFloat32();
        int length = golden.Get("codes").Shape[1];
        var ks = golden.Get("ks").Get<int>();
        var expected = golden.Get("weighted_kld_norm").ToFloat64();
        double uniform = Enumerable.Range(0, ks.Length).Where(i => ks[i] >= 3).Average(i => expected[i]);
        TestInputs.AssertRelative(uniform, MultiScaleKld.Compute(codes, maps, length, LengthWeights.Uniform));
        double calibrated = Enumerable.Range(0, ks.Length).Where(i => ks[i] >= 3).Sum(i => LengthWeights.Default.Weights[ks[i]] * expected[i]);
        TestInputs.AssertRelative(calibrated, MultiScaleKld.Compute(codes, maps, length));
    }
}
