using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;
using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class WeightedKldTests
{
    [Fact]
    public void FromImportance_TwoSequences_MatchesHandCount()
    {
        // S0 AACG, a = [1,0,0,1]: AA 1/2, AC 0, CG 1/2. S1 ANTT, a = 1: AN and NT skipped, TT (1+1)/4.
        // P_w = {AA, CG, TT} each 1/3; Q = {AA, AC, CG, TT} each 1/4 → KLD = ln(4/3).
        var codes = TestInputs.Codes("AACG", "ANTT");
        var a = new double[] { 1, 0, 0, 1, 1, 1, 1, 1 };
        var result = WeightedKld.FromImportance(codes, a, 4, 2, KmerDivergence.BackgroundCounts(codes, 4, 2));
        Assert.Equal(Math.Log(4.0 / 3.0), result.Value, 12);
        Assert.Equal(1.5, result.Mass, 12);
    }

    [Fact]
    public void WeightedCounts_SequenceWithZeroImportance_ContributesNothing()
    {
        var codes = TestInputs.Codes("AAA", "CCC");
        var p = WeightedKld.WeightedCounts(codes, new double[] { 0, 0, 0, 1, 1, 1 }, 3, 2);
        Assert.Equal(0, p[0]);
        Assert.Equal(2.0 / 3.0 * 2, p[5], 12);
    }

    [Fact]
    public void Compute_UsesTheCorrectedNormByDefault()
    {
        var codes = TestInputs.Codes("ACGTTGCA", "GGGAAACT");
        var random = new Random(3);
        var maps = Enumerable.Range(0, 64).Select(_ => (float)random.NextDouble()).ToArray();
        var viaMaps = WeightedKld.Compute(codes, maps, 8, 3);
        var viaImportance = WeightedKld.FromImportance(codes, PositionImportance.CorrectedNorm(maps), 8, 3, KmerDivergence.BackgroundCounts(codes, 8, 3));
        Assert.Equal(viaImportance.Value, viaMaps.Value);
    }

    [Fact]
    public void FromImportance_IsNonNegative_AndInvariantToScalingTheImportance()
    {
        var gen = Gen.Choose(0, 1_000_000);
        Prop.ForAll(gen.ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            int n = random.Next(1, 5), length = random.Next(4, 30), k = random.Next(1, 4);
            var codes = Enumerable.Range(0, n * length).Select(_ => (byte)(random.Next(10) == 0 ? 4 : random.Next(4))).ToArray();
            var a = Enumerable.Range(0, n * length).Select(_ => random.NextDouble()).ToArray();
            var q = KmerDivergence.BackgroundCounts(codes, length, k);
            double value = WeightedKld.FromImportance(codes, a, length, k, q).Value;
            double scaled = WeightedKld.FromImportance(codes, a.Select(v => v * 7.5).ToArray(), length, k, q).Value;
            return double.IsNaN(value) ? double.IsNaN(scaled) : value >= -1e-12 && Math.Abs(value - scaled) <= 1e-9 * Math.Max(1, value);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ComputeRange_MatchesNumpyGolden_ForBothImportances()
    {
        using var golden = TestInputs.Golden("kld_golden.npz");
        var codes = golden.Get("codes").Get<byte>();
        var maps = golden.Get("maps").ToFloat32();
        int length = golden.Get("codes").Shape[1];
        var ks = golden.Get("ks").Get<int>();
        var norm = WeightedKld.ComputeRange(codes, maps, length, ks);
        var abs = WeightedKld.ComputeRange(codes, maps, length, ks, ImportanceKind.AbsoluteSignal);
        var expectedNorm = golden.Get("weighted_kld_norm").ToFloat64();
        var expectedAbs = golden.Get("weighted_kld_abs").ToFloat64();
        for (int i = 0; i < ks.Length; i++)
        {
            TestInputs.AssertRelative(expectedNorm[i], norm[ks[i]].Value);
            TestInputs.AssertRelative(expectedAbs[i], abs[ks[i]].Value);
        }
    }
}
