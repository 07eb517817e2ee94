using Motiflens.Engine.Recurrent;
using Motiflens.Search.Controllers;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Controllers;

public class PpoUpdateTests
{
    private static (ControllerPolicy Policy, Episode Episode) Setup(ControllerOptions options)
    {
        var policy = new ControllerPolicy([4, 3], options, new Random(1));
        var rng = new Random(2);
        var children = Enumerable.Range(0, 6).Select(i =>
        {
            var t = policy.Sample(rng);
            return new EpisodeChild(t.Architecture.Tokens.ToArray(), t.LogProbability, 0, t.Architecture[0] == 0 ? 1.0 : -1.0);
        }).ToArray();
        return (policy, new Episode(0, children));
    }

    [Fact]
    public void Update_LargeSteps_StopEarlyOnKl()
    {
        var options = ControllerOptions.BioNas with { LstmUnits = 8, LearningRate = 0.5, TargetKl = 0.001, PpoEpochs = 10 };
        var (policy, episode) = Setup(options);
        var adam = new ArrayAdam(policy.Parameters.Select(p => p.Length), options.LearningRate);
        var report = new PpoUpdate().Update(policy, adam, [episode], options);
        Assert.InRange(report.Epochs, 1, 9);
        Assert.True(report.ApproxKl > 1.5 * options.TargetKl);
    }

    [Fact]
    public void Update_SmallSteps_RunAllEpochsAndFavourPositiveAdvantages()
    {
        var options = ControllerOptions.BioNas with { LstmUnits = 8, LearningRate = 0.003, TargetKl = 1, PpoEpochs = 4, EntropyWeight = 0 };
        var (policy, episode) = Setup(options);
        double before = policy.Evaluate(new Architecture([0, 0])).Probabilities[0][0];
        var adam = new ArrayAdam(policy.Parameters.Select(p => p.Length), options.LearningRate);
        var report = new PpoUpdate().Update(policy, adam, [episode], options);
        Assert.Equal(4, report.Epochs);
        Assert.True(policy.Evaluate(new Architecture([0, 0])).Probabilities[0][0] > before);
    }
}
