using Motiflens.Interpretation.Knowledge;

namespace Motiflens.Interpretation.Tests.Knowledge;

public class KnowledgeDissimilarityTests
{
    // AGCC, not its own reverse complement.
    private static readonly double[] Sharp = [0.97, 0.01, 0.01, 0.01, 0.01, 0.01, 0.97, 0.01, 0.01, 0.97, 0.01, 0.01, 0.01, 0.97, 0.01, 0.01];

    private static readonly double[] Unrelated = [0.01, 0.01, 0.01, 0.97, 0.01, 0.01, 0.01, 0.97, 0.97, 0.01, 0.01, 0.01, 0.97, 0.01, 0.01, 0.01];

    private static FilterBank LogFilter(double[] probabilities, double scale) =>
        new(1, probabilities.Length / 4, probabilities.Select(p => (float)(scale * Math.Log(p))).ToArray());

    [Fact]
    public void Compute_FilterSetToTemperatureTimesLogPwm_GivesZeroForThatMotif_AndMoreForAnother()
    {
        // softmax(T·ln p / T) = p exactly, so the motif matches its own filter at offset 0 with d = 0.
        var filters = LogFilter(Sharp, 0.1);
        var own = KnowledgeDissimilarity.Compute(filters, [new KnowledgeMotif("own", Sharp)], new KnowledgeOptions(ReverseComplement: false));
        var other = KnowledgeDissimilarity.Compute(filters, [new KnowledgeMotif("other", Unrelated)], new KnowledgeOptions(ReverseComplement: false));
        Assert.Equal(0, own.K, 6);
        Assert.Equal(new KnowledgeMatch("own", 0, 0, '+', own.K), own.Matches[0]);
        Assert.True(other.K > 1, $"unrelated motif K = {other.K}");
    }

    [Fact]
    public void Compute_FilterSetToLogPwmAtTemperatureOne_GivesZero()
    {
        var result = KnowledgeDissimilarity.Compute(LogFilter(Sharp, 1.0), [new KnowledgeMotif("own", Sharp)], new KnowledgeOptions(Temperature: 1.0));
        Assert.Equal(0, result.K, 6);
    }

    [Fact]
    public void Compute_ReverseComplementMotif_MatchesOnTheMinusStrand()
    {
        var rc = KnowledgeDissimilarity.ReverseComplement(Sharp);
        var result = KnowledgeDissimilarity.Compute(LogFilter(Sharp, 0.1), [new KnowledgeMotif("rc", rc)]);
        Assert.Equal('-', result.Matches[0].Strand);
        Assert.Equal(0, result.Matches[0].Distance, 6);
        var forwardOnly = KnowledgeDissimilarity.Compute(LogFilter(Sharp, 0.1), [new KnowledgeMotif("rc", rc)], new KnowledgeOptions(ReverseComplement: false));
        Assert.True(forwardOnly.K > 1);
    }

    [Fact]
    public void Compute_MotifAgainstUniformPadding_HasHandComputedDistance()
    {
        // One-row motif (1, 0, 0, 0) vs a one-row filter decoding to uniform: every offset gives KL = ln 4.
        var result = KnowledgeDissimilarity.Compute(new FilterBank(1, 1, new float[4]), [new KnowledgeMotif("a", [1, 0, 0, 0])]);
        Assert.Equal(Math.Log(4), result.K, 12);
        Assert.Equal(-1, result.Matches[0].Offset);
    }

    [Fact]
    public void Compute_Penalty_AddsOneHundredthPerFilter()
    {
        var filters = new FilterBank(3, 1, new float[12]);
        var motifs = new[] { new KnowledgeMotif("a", [1, 0, 0, 0]) };
        var plain = KnowledgeDissimilarity.Compute(filters, motifs);
        var penalised = KnowledgeDissimilarity.Compute(filters, motifs, new KnowledgeOptions(FilterCountPenalty: true));
        Assert.Equal(plain.K + 0.03, penalised.K, 12);
    }

    [Fact]
    public void Compute_MatchesNumpyGolden()
    {
        using var golden = TestInputs.Golden("knowledge_golden.npz");
        var w = golden.Get("filters");
        var filters = new FilterBank(w.Shape[0], w.Shape[1], w.ToFloat32());
        var motifs = new[] { new KnowledgeMotif("m1", golden.Get("motif1").ToFloat64()), new KnowledgeMotif("m2", golden.Get("motif2").ToFloat64()) };
        var rc = KnowledgeDissimilarity.Compute(filters, motifs);
        var forward = KnowledgeDissimilarity.Compute(filters, motifs, new KnowledgeOptions(ReverseComplement: false));
        var t1 = KnowledgeDissimilarity.Compute(filters, motifs, new KnowledgeOptions(Temperature: 1.0));
        TestInputs.AssertRelative(golden.Get("k_rc").ToFloat64()[0], rc.K);
        TestInputs.AssertRelative(golden.Get("k_forward").ToFloat64()[0], forward.K);
        TestInputs.AssertRelative(golden.Get("k_t1").ToFloat64()[0], t1.K);
        var expectedMatches = golden.Get("match_rc").Get<int>();
        var expectedD = golden.Get("d_rc").ToFloat64();
        for (int m = 0; m < motifs.Length; m++)
        {
            Assert.Equal(expectedMatches[3 * m], rc.Matches[m].Filter);
            Assert.Equal(expectedMatches[(3 * m) + 1], rc.Matches[m].Offset);
            Assert.Equal(expectedMatches[(3 * m) + 2] == 1 ? '+' : '-', rc.Matches[m].Strand);
            TestInputs.AssertRelative(expectedD[m], rc.Matches[m].Distance);
        }
    }
}
