using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests;

public class ArchitectureEvidenceTests
{
    private static ChildRecord Record(int trial, int[] tokens, double? loss, double? k, double? kld = null) => new()
    {
        Trial = trial,
        Tokens = tokens,
        Layers = tokens.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        Loss = loss,
        Knowledge = k,
        Kld = kld,
        Status = loss is null ? ChildStatus.Failed : ChildStatus.Ok,
    };

    [Fact]
    public void Median_TakesLossKnowledgeAndKldSeparatelyAndIgnoresFailures()
    {
        var e = new ArchitectureEvidence();
        e.Add(Record(0, [1, 0], 0.70, 1.9, 0.1));
        e.Add(Record(1, [1, 0], 0.05, 0.3, 0.4));
        e.Add(Record(2, [1, 0], null, null));
        e.Add(Record(3, [1, 0], 0.06, 0.1, 0.2));
        e.Add(Record(4, [0, 0], 0.40, null));

        var m = e.Median(new Architecture([1, 0]))!;
        Assert.Equal(3, e.Count(new Architecture([1, 0])));
        Assert.Equal(0.06, m.Loss);
        Assert.Equal(0.3, m.Knowledge);
        Assert.Equal(0.2, m.Kld);

        // K missing (no knowledge) counts as 0; no KLD at all stays null; never-seen architectures have none.
        var other = e.Median(new Architecture([0, 0]))!;
        Assert.Equal((0.40, 0.0, (double?)null), (other.Loss, other.Knowledge, other.Kld));
        Assert.Null(e.Median(new Architecture([0, 1])));
        Assert.Equal(0, e.Count(new Architecture([0, 1])));
    }

    [Fact]
    public void Best_RanksArchitecturesByTheRewardOfTheirMedians()
    {
        var e = new ArchitectureEvidence();
        // [1,0]: one bad replicate, median L 0.06, K 0.3 → R = −(0.06 + 0.3) = −0.36 (its mean would rank it last).
        e.Add(Record(0, [1, 0], 0.70, 1.9));
        e.Add(Record(1, [1, 0], 0.05, 0.3));
        e.Add(Record(2, [1, 0], 0.06, 0.2));
        // [0,1]: R = −0.40; [0,0] and [2,2]: R = −0.5, tied (token order decides).
        e.Add(Record(3, [0, 1], 0.10, 0.3));
        e.Add(Record(4, [2, 2], 0.25, 0.25));
        e.Add(Record(5, [0, 0], 0.20, 0.3));

        var best = e.Best(3, new KnowledgeReward(1));
        Assert.Equal(["1-0", "0-1", "0-0"], best.Select(b => string.Join('-', b.Architecture.Tokens)));
        Assert.Equal((3, 0.06, 0.3), (best[0].Evaluations, best[0].MedianLoss, best[0].MedianKnowledge));
        Assert.Equal(-0.36, best[0].Reward, 12);
        Assert.Equal(-0.40, best[1].Reward, 12);
        Assert.Equal(-0.50, best[2].Reward, 12);
        Assert.Equal(4, e.Best(10, new KnowledgeReward(1)).Count);
    }
}
