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
    }

    [Fact]
    public void Run_SameSeed_GivesSameResultWhateverTheThreadCount()
    {
        var space = SyntheticHistory.Space;
        var records = SyntheticHistory.Create(space, 2, 4);
        var o = new ReplayBenchmarkOptions { Runs = 4, Episodes = 5, Controller = ControllerOptions.BioNas with { LstmUnits = 8 }, Seed = 9 };
        var one = ReplayBenchmark.Run(space, records, [1], o with { Threads = 1 }, null, CancellationToken.None);
        var two = ReplayBenchmark.Run(space, records, [1], o with { Threads = 2 }, null, CancellationToken.None);
        Assert.Equal(one[0], two[0] with { GoldStandard = one[0].GoldStandard, GoldStandardTokens = one[0].GoldStandardTokens });
        Assert.Equal(one[0].GoldStandard, two[0].GoldStandard);
    }
}
