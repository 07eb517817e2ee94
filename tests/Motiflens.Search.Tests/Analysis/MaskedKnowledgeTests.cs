using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;
using Motiflens.Search.Analysis;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Analysis;

public class MaskedKnowledgeTests
{
    // Hand-made children: (trial, validation loss, reward, masked K); trial 4 has its own architecture.
    private static readonly MaskedChild[] Children =
    [
        Child(0, 0.10, -0.2, 0.3),
        Child(1, 0.20, -0.3, 0.4),
        Child(2, 0.12, -0.9, 0.9),
        Child(3, 0.21, -1.0, 0.8),
        Child(4, 0.50, -1.5, 0.7, [1, 1]),
        Child(5, 0.09, -1.1, 1.0),
    ];

    private static MaskedChild Child(int trial, double loss, double reward, double maskedK, int[]? tokens = null) =>
        new(trial, tokens ?? [0, 0], ["conv", "flatten"], loss, 0.5, maskedK, reward);

    [Fact]
    public void Analyze_MatchesEachSelectedChildToTheNearestLossesAndEnumeratesThePValue()
    {
        var result = MaskedKnowledge.Analyze(Children, null, new MaskedKnowledgeOptions { Selected = 2, Neighbours = 2 });

        Assert.Equal([0, 1], result.Selected.Select(s => s.Child.Trial));
        Assert.All(result.Selected, s => Assert.Equal("top", s.Reason));

        // Trial 0 (L 0.10): trial 5 is 0.01 away, trial 2 0.02. Trial 1 (L 0.20): trial 3 0.01, trial 2 0.08.
        Assert.Equal([5, 2], result.Selected[0].Matches);
        Assert.Equal([3, 2], result.Selected[1].Matches);
        Assert.Equal(0.95, result.Selected[0].MatchedMeanK, 12);
        Assert.Equal(0.85, result.Selected[1].MatchedMeanK, 12);
        Assert.Equal([2, 3, 5], result.Controls.Select(c => c.Trial));
        Assert.Equal(0.35, result.MeanSelected, 12);
        Assert.Equal(0.9, result.MeanControls, 12);
        Assert.Equal(-0.55, result.Difference, 12);

        // Pooled masked K {0.3, 0.4, 0.9, 0.8, 1.0}: only the observed pair of the C(5,2) = 10 pairs has a sum <= 0.7.
        Assert.True(result.Exact);
        Assert.Equal(10, result.Relabelings);
        Assert.Equal(0.1, result.PValue, 12);
        Assert.Equal(6, result.Children);
    }

    [Fact]
    public void Analyze_AddsTheChildrenOfTheConvergedArchitecture()
    {
        var result = MaskedKnowledge.Analyze(Children, new Architecture([1, 1]), new MaskedKnowledgeOptions { Selected = 2, Neighbours = 2 });

        Assert.Equal([0, 1, 4], result.Selected.Select(s => s.Child.Trial));
        Assert.Equal("converged", result.Selected[2].Reason);
        Assert.Equal([3, 2], result.Selected[2].Matches); // L 0.50: 0.29 and 0.38 away
        Assert.Equal(1.4 / 3, result.MeanSelected, 12);
        Assert.Equal(0.9, result.MeanControls, 12);

        // C(6,3) = 20 triples; only the observed {0.3, 0.4, 0.7} has a sum <= 1.4.
        Assert.Equal(20, result.Relabelings);
        Assert.Equal(0.05, result.PValue, 12);
    }

    [Fact]
    public void PermutationPValue_CountsTiesAsAtLeastAsExtreme()
    {
        var (p, exact, total) = MaskedKnowledge.PermutationPValue([1.0, 1.0, 1.0, 1.0], 2, new MaskedKnowledgeOptions());

        Assert.True(exact);
        Assert.Equal(6, total);
        Assert.Equal(1.0, p, 12);
    }

    [Fact]
    public void PermutationPValue_RandomRelabelingsApproachTheExactValue()
    {
        double[] pooled = [0.3, 0.4, 0.9, 0.8, 1.0];
        var options = new MaskedKnowledgeOptions { ExactLimit = 0, Permutations = 20_000, Seed = 3 };

        var (p, exact, total) = MaskedKnowledge.PermutationPValue(pooled, 2, options);
        var again = MaskedKnowledge.PermutationPValue(pooled, 2, options);

        Assert.False(exact);
        Assert.Equal(20_000, total);
        Assert.InRange(p, 0.09, 0.11); // exact value 0.1
        Assert.Equal(p, again.P);
    }

    [Fact]
    public void Analyze_WithoutControlsGivesNaNPValue()
    {
        var result = MaskedKnowledge.Analyze(Children.Take(2).ToArray(), null, new MaskedKnowledgeOptions { Selected = 2 });

        Assert.Empty(result.Controls);
        Assert.True(double.IsNaN(result.PValue));
        Assert.Equal(0.35, result.MeanSelected, 12);
    }

    [Fact]
    public void Measure_RejectsAMissingRunAndARunWithoutTrainedChildren()
    {
        var motif = new KnowledgeMotif("M", [0.7, 0.1, 0.1, 0.1, 0.1, 0.7, 0.1, 0.1]);
        var dir = Path.Combine(Path.GetTempPath(), "motiflens-masked-" + Guid.NewGuid().ToString("N"));
        try
        {
            var missing = Assert.Throws<InputException>(() => MaskedKnowledge.Measure(dir, [motif]));
            Assert.Contains("run directory not found", missing.Message, StringComparison.Ordinal);

            Directory.CreateDirectory(dir);
            var noHistory = Assert.Throws<InputException>(() => MaskedKnowledge.Measure(dir, [motif]));
            Assert.Contains("history.jsonl", noHistory.Message, StringComparison.Ordinal);

            var failed = new ChildRecord
            {
                Trial = 0,
                Tokens = [0],
                Layers = ["conv"],
                Status = ChildStatus.Failed,
                Reason = "invalid architecture",
                Reward = double.NaN,
            };
            File.WriteAllText(Path.Combine(dir, MaskedKnowledge.HistoryFile), SearchHistory.ToJsonLine(failed) + "\n");
            var none = Assert.Throws<InputException>(() => MaskedKnowledge.Measure(dir, [motif]));
            Assert.Contains("no successfully trained children among 1 records", none.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
