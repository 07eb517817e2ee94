using Motiflens.Search.History;
using Motiflens.Search.Benchmark;
using Motiflens.Search.Controllers;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Benchmark;

public class ReplayBenchmarkTests
{
    [Fact]
    public void GoldStandard_IsArgminOfMedianLossPlusLambdaMedianK()
    {
        var space = SyntheticHistory.Space;
        var medians = ReplayBenchmark.Medians(SyntheticHistory.Create(space, 3, 1));
        Assert.Equal(new Architecture([0, 0, 0]), ReplayBenchmark.GoldStandard(medians, 0.001));
        Assert.Equal(new Architecture([3, 2, 2]), ReplayBenchmark.GoldStandard(medians, 1000));
    }

    [Fact]
    public void Run_OnSyntheticHistory_ConvergesAtExtremeLambdasAndRanksTrend()
    {
        var space = SyntheticHistory.Space;
        var records = SyntheticHistory.Create(space, 3, 2);
        var options = new ReplayBenchmarkOptions
        {
            Runs = 20,
            Episodes = 60,
            ChildrenPerEpisode = 5,
            Controller = ControllerOptions.BioNas with { LstmUnits = 16 },
            Update = () => new ReinforceUpdate(),
            Seed = 3,
            Threads = 2,
        };
        var results = ReplayBenchmark.Run(space, records, [0.001, 1000], options, null, CancellationToken.None);
        Assert.Equal(2, results.Count);
        Assert.True(results[0].ConvergedFraction >= 0.8, $"λ=0.001 converged {results[0].ConvergedFraction}");
        Assert.True(results[1].ConvergedFraction >= 0.8, $"λ=1000 converged {results[1].ConvergedFraction}");
        Assert.Equal(["conv1d(filters=3,kernel=6,relu)", "identity", "flatten"], results[0].GoldStandard);
        Assert.True(results[1].MeanLossRank > results[0].MeanLossRank);
        Assert.True(results[1].MeanKRank < results[0].MeanKRank);
        Assert.Equal(36, results[0].Architectures);

        // The most frequent converged architecture is the gold standard, listed with its medians.
        var top = results[1].TopConverged;
        Assert.InRange(top.Count, 1, ReplayBenchmark.TopConvergedCount);
        Assert.Equal(results[1].GoldStandardTokens, top[0].Tokens);
        Assert.Equal(results[1].ConvergedFraction, top[0].Fraction);
        Assert.True(top.Sum(c => c.Fraction) <= 1 + 1e-12);
        Assert.NotNull(top[0].MedianK);
        Assert.All(results, r => Assert.InRange(r.GoldStandardSupport!.Value, 0.0, 1.0));
    }

    [Fact]
    public void Run_SameSeed_GivesSameResultWhateverTheThreadCount()
    {
        var space = SyntheticHistory.Space;
        var records = SyntheticHistory.Create(space, 2, 4);
        var o = new ReplayBenchmarkOptions { Runs = 4, Episodes = 5, Controller = ControllerOptions.BioNas with { LstmUnits = 8 }, Seed = 9 };
        var one = ReplayBenchmark.Run(space, records, [1], o with { Threads = 1 }, null, CancellationToken.None);
        var two = ReplayBenchmark.Run(space, records, [1], o with { Threads = 2 }, null, CancellationToken.None);
        Assert.Equal(one[0].GoldStandard, two[0].GoldStandard);
        Assert.Equal(one[0].ConvergedFraction, two[0].ConvergedFraction);
        Assert.Equal(one[0].MeanLossRank, two[0].MeanLossRank);
        Assert.Equal(one[0].MeanKRank, two[0].MeanKRank);
        Assert.Equal(one[0].TopConverged.Select(c => (string.Join('-', c.Tokens), c.Fraction)), two[0].TopConverged.Select(c => (string.Join('-', c.Tokens), c.Fraction)));
    }

    /// <summary>
    /// A deceptive landscape on a 6 × 6 space: option 0 of either layer is safe (L = 0.2), the last option of each
    /// layer is poor (L = 0.9) except together, which is the best architecture (L = 0.1); everything else L = 0.5.
    /// Under broad sampling the last options look worst, so a plain policy gradient walks away from the optimum.
    /// </summary>
    private static (ModelSpace Space, List<ChildRecord> Records) DeceptiveHistory()
    {
        var space = ModelSpaceReader.Parse("""
            input: {length: 100}
            layers:
              - [{type: conv1d, filters: 3, kernel_size: [4, 6, 8, 10, 12, 14]}]
              - [{type: identity}, {type: maxpool1d, pool_size: [2, 4, 8]}, {type: avgpool1d, pool_size: [2, 4]}]
              - [{type: flatten}]
            output: {type: dense, units: 1, activation: sigmoid}
            """, "deceptive.yaml");
        var records = new List<ChildRecord>();
        foreach (var arch in space.Enumerate())
        {
            double loss = (arch[0], arch[1]) switch
            {
                (5, 5) => 0.1,
                (5, _) or (_, 5) => 0.9,
                (0, _) or (_, 0) => 0.2,
                _ => 0.5,
            };
            records.Add(new ChildRecord { Trial = records.Count, Tokens = arch.Tokens.ToArray(), Layers = space.LayerStrings(arch), Loss = loss, Knowledge = 0 });
        }

        return (space, records);
    }

    [Fact]
    public void Run_DeceptiveLandscape_ElitesFindTheOptimumThePlainControllerWalksAwayFrom()
    {
        var (space, records) = DeceptiveHistory();
        var options = new ReplayBenchmarkOptions
        {
            Runs = 20,
            Episodes = 100,
            ChildrenPerEpisode = 10,
            Controller = ControllerOptions.BioNas with { LstmUnits = 16 },
            Seed = 1,
            Threads = 2,
            GoldResamples = 0,
        };
        var plain = ReplayBenchmark.Run(space, records, [1], options with { Elites = 0 }, null, CancellationToken.None)[0];
        var elites = ReplayBenchmark.Run(space, records, [1], options with { Elites = 1 }, null, CancellationToken.None)[0];
        Assert.Equal([5, 5, 0], elites.GoldStandardTokens);
        Assert.True(plain.ConvergedFraction <= 0.5, $"plain controller converged {plain.ConvergedFraction}");
        Assert.True(elites.ConvergedFraction >= 0.9, $"with elites converged {elites.ConvergedFraction}");
    }

    private static ChildRecord Record(int trial, int token, double loss, double k) => new()
    {
        Trial = trial,
        Tokens = [token],
        Layers = [$"op{token}"],
        Loss = loss,
        Knowledge = k,
        Reward = -(loss + k),
        Lambda = 1,
    };

    [Fact]
    public void GoldStandardSupport_ClearWinner_IsOne()
    {
        var records = new[] { Record(0, 0, 0.1, 0), Record(1, 0, 0.11, 0), Record(2, 0, 0.12, 0), Record(3, 1, 0.5, 0), Record(4, 1, 0.4, 0), Record(5, 1, 0.6, 0) };
        Assert.Equal(1.0, ReplayBenchmark.GoldStandardSupport(records, 0.001, new Architecture([0]), 500, 1));
        Assert.Equal(0.0, ReplayBenchmark.GoldStandardSupport(records, 0.001, new Architecture([1]), 500, 1));
    }

    [Fact]
    public void GoldStandardSupport_MatchesTheBinomialProbability()
    {
        // A = [0.1, 0.1, 0.9] (median 0.1), B = [0.2, 0.2, 0.2]. A stays the gold standard when at least 2 of its 3
        // draws are 0.1: (2/3)³ + 3·(2/3)²·(1/3) = 20/27 ≈ 0.741.
        var records = new[] { Record(0, 0, 0.1, 0), Record(1, 0, 0.1, 0), Record(2, 0, 0.9, 0), Record(3, 1, 0.2, 0), Record(4, 1, 0.2, 0), Record(5, 1, 0.2, 0) };
        var medians = ReplayBenchmark.Medians(records);
        Assert.Equal(new Architecture([0]), ReplayBenchmark.GoldStandard(medians, 0));
        double support = ReplayBenchmark.GoldStandardSupport(records, 0, new Architecture([0]), 20000, 2);
        Assert.InRange(support, 20.0 / 27 - 0.015, 20.0 / 27 + 0.015);
    }
}
