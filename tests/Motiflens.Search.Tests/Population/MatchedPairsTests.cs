using Motiflens.Search.Population;

namespace Motiflens.Search.Tests.Population;

public class MatchedPairsTests
{
    internal static PopulationRow Row(string id, double auroc, double kldMs, double snr = 1, bool ok = true) => new()
    {
        Id = id,
        Activation = "relu",
        Ok = ok,
        TestAuroc = auroc,
        KldMultiscale = kldMs,
        Snr = snr,
    };

    [Fact]
    public void Find_KeepsPairsWithinTheAurocToleranceRankedByKldDifference()
    {
        var rows = new[]
        {
            Row("a", 0.980, 0.10, snr: 0.5),
            Row("b", 0.983, 0.40, snr: 2.0),   // |ΔAUROC| 0.003 to a, ΔKLD 0.30
            Row("c", 0.986, 0.30),             // 0.003 to b (ΔKLD 0.10), 0.006 to a: not matched
            Row("d", 0.9849, 0.05),            // 0.0049 to a (ΔKLD 0.05), 0.0019 to b (0.35), 0.0011 to c (0.25)
            Row("e", 0.983, 0.90, ok: false),  // failed: never paired
            Row("f", 0.983, double.NaN),       // no KLD: never paired
        };
        var pairs = MatchedPairs.Find(rows, 0.005, 10);
        Assert.Equal(["b-d", "b-a", "c-d", "b-c", "a-d"], pairs.Select(p => $"{p.A}-{p.B}"));
        var top = pairs[0];
        Assert.Equal((0.983, 0.9849, 0.40, 0.05, 2.0, 1.0), (top.AurocA, top.AurocB, top.KldMultiscaleA, top.KldMultiscaleB, top.SnrA, top.SnrB));
        Assert.Equal(0.35, top.KldDifference, 12);

        Assert.Equal(["b-d", "b-a"], MatchedPairs.Find(rows, 0.005, 2).Select(p => $"{p.A}-{p.B}"));
        Assert.Empty(MatchedPairs.Find(rows, 0.001, 10));
    }
}
