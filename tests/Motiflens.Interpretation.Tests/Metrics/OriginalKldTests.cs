using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Tests.Metrics;

public class OriginalKldTests
{
    // q = 0.5 with at most 5 ones among 12 positions puts the cutoff at 0 (tied zeros), so exactly the ones are kept.
    private static readonly OriginalKldOptions HalfQuantile = new(K: 2, Quantile: 0.5, Buffer: 2);

    private static double[] Ones(int length, params int[] positions)
    {
        var r = new double[length];
        foreach (int p in positions)
        {
            r[p] = 1;
        }

        return r;
    }

    [Fact]
    public void Blocks_RunIsExtendedByTheBufferToTheRight()
    {
        Assert.Equal(new[] { new KmerBlock(0, 3) }, OriginalKld.Blocks(Ones(12, 0, 1), HalfQuantile));
    }

    [Fact]
    public void Blocks_TouchingRunsStaySeparate()
    {
        // [0,1] → [0,3]; [4,4] → [4,6]: 4 > 3, so no merge even though the blocks touch.
        Assert.Equal(new[] { new KmerBlock(0, 3), new KmerBlock(4, 6) }, OriginalKld.Blocks(Ones(12, 0, 1, 4), HalfQuantile));
    }

    [Fact]
    public void Blocks_RunStartingInsideThePreviousExtensionIsMerged()
    {
        // [0,1] → [0,3]; [3,3] starts at 3 ≤ 3 → one block [0,5].
        Assert.Equal(new[] { new KmerBlock(0, 5) }, OriginalKld.Blocks(Ones(12, 0, 1, 3), HalfQuantile));
    }

    [Fact]
    public void Blocks_RunAtTheEndIsClipped_AndDroppedWhenShorterThanK()
    {
        Assert.Equal(new[] { new KmerBlock(10, 11) }, OriginalKld.Blocks(Ones(12, 10, 11), HalfQuantile));
        Assert.Empty(OriginalKld.Blocks(Ones(12, 10, 11), HalfQuantile with { K = 3 }));
    }

    [Fact]
    public void Blocks_TiesAtTheQuantile_AreNotAboveTheCutoff()
    {
        // Default q = 0.9 over 12 values: h = 9.9 between v[9] and v[10]. Three tied ones put the cutoff at 1 → nothing
        // kept; two ones put it at 0.9 (numpy's lerp) → both kept.
        Assert.Empty(OriginalKld.Blocks(Ones(12, 2, 3, 4), new OriginalKldOptions(K: 2)));
        Assert.Equal(new[] { new KmerBlock(2, 5) }, OriginalKld.Blocks(Ones(12, 2, 3), new OriginalKldOptions(K: 2)));
    }

    [Fact]
    public void Blocks_ConstantImportance_KeepsNothing()
    {
        Assert.Empty(OriginalKld.Blocks(Enumerable.Repeat(0.7, 12).ToArray()));
    }

    [Fact]
    public void Compute_ThreeSequences_MatchesHandCount()
    {
        // S0 keeps [0,3] → AC CG GT; S1 keeps [2,4] = CCN → CC (CN skipped); S2 has no position above the cutoff.
        // Q over the full sequences (30 2-mers): AC 4, CG 3, GT 4, CC 1, ...
        var codes = TestInputs.Codes("ACGTACGTACGT", "AACCNNGGTTAA", "TTTTTTTTTTTT");
        var x = new double[36];
        x[0] = x[1] = 1;
        x[12 + 2] = 1;
        var maps = TestInputs.MapsWithNorms(x);
        var result = OriginalKld.Compute(codes, maps, 12, HalfQuantile);
        double expected = 0.25 * (Math.Log(0.25 * 30 / 4) + Math.Log(0.25 * 30 / 3) + Math.Log(0.25 * 30 / 4) + Math.Log(0.25 * 30 / 1));
        Assert.Equal(expected, result.Value, 12);
        Assert.Equal(4, result.Mass);
        Assert.Equal(3, result.Sequences);
    }

    [Fact]
    public void Compute_NoBlockAnywhere_IsNaN()
    {
        var codes = TestInputs.Codes("ACGTACGTACGT");
        var result = OriginalKld.Compute(codes, TestInputs.MapsWithNorms(new double[12]), 12);
        Assert.True(double.IsNaN(result.Value));
        Assert.Equal(0, result.Mass);
    }

    [Fact]
    public void Compute_DoesNotModifyTheMaps()
    {
        var codes = TestInputs.Codes("ACGTACGTACGT");
        var maps = TestInputs.MapsWithNorms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        var copy = maps.ToArray();
        OriginalKld.Compute(codes, maps, 12, HalfQuantile);
        Assert.Equal(copy, maps);
    }

    [Fact]
    public void Compute_MatchesNumpyGolden()
    {
        using var golden = TestInputs.Golden("kld_golden.npz");
        var codes = golden.Get("codes").Get<byte>();
        var maps = golden.Get("maps").ToFloat32();
        int length = golden.Get("codes").Shape[1];
        var ks = golden.Get("original_k").Get<int>();
        var expected = golden.Get("original_kld").ToFloat64();
        for (int i = 0; i < ks.Length; i++)
        {
            TestInputs.AssertRelative(expected[i], OriginalKld.Compute(codes, maps, length, new OriginalKldOptions(K: ks[i])).Value);
        }

        TestInputs.AssertRelative(
            golden.Get("original_kld_q75_b1").ToFloat64()[0],
            OriginalKld.Compute(codes, maps, length, new OriginalKldOptions(K: 3, Quantile: 0.75, Buffer: 1)).Value);
    }
}
