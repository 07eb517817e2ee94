using Motiflens.Search.Controllers;
using Motiflens.Search.Evaluation;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Controllers;

public class ArchitectureControllerTests
{
    private static double MeanSampledReward(ArchitectureController c, ReplayEvaluator replay, KnowledgeReward reward, int seed)
    {
        var rng = new Random(seed);
        var sampled = c.Sample(200, rng);
        return sampled.Average(s =>
        {
            var m = replay.Replicates(s.Architecture)[0];
            return reward.Reward(m);
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Learn_OnReplayHistory_RaisesMeanRewardOfSampledArchitectures(bool ppo)
    {
        var space = SyntheticHistory.Space;
        var replay = new ReplayEvaluator(SyntheticHistory.Create(space, 3, seed: 11));
        var reward = new KnowledgeReward(Lambda: 0.01);
        IPolicyUpdate update = ppo ? new PpoUpdate() : new ReinforceUpdate();
        var controller = new ArchitectureController(space.OptionCounts, ControllerOptions.BioNas with { LstmUnits = 16 }, update, seed: 4);
        double before = MeanSampledReward(controller, replay, reward, 99);
        var rng = new Random(8);
        for (int episode = 0; episode < 40; episode++)
        {
            var children = controller.Sample(5, rng);
            var rewards = children.Select(c => reward.Reward(replay.Replicates(c.Architecture)[rng.Next(3)])).ToArray();
            controller.Learn(children, rewards);
        }

        double after = MeanSampledReward(controller, replay, reward, 99);
        Assert.True(after > before + 0.03, $"mean reward before {before:F4}, after {after:F4}");
        Assert.Equal(40, controller.Updates);
    }

    [Theory]
    [InlineData(AdvantageScaling.RewardMagnitude, 1.0, -1.0 / 3)]
    [InlineData(AdvantageScaling.BufferStandardDeviation, 1.0, -1.0)]
    public void Learn_FirstEpisode_ScalesAdvantagesAroundTheMeanReward(AdvantageScaling scaling, double first, double second)
    {
        // Rewards −1 and −3: the first baseline is their mean −2; the buffer's standard deviation is 1.
        var space = SyntheticHistory.Space;
        var controller = new ArchitectureController(space.OptionCounts, ControllerOptions.BioNas with { LstmUnits = 8, AdvantageScaling = scaling },
            new ReinforceUpdate(), seed: 1);
        var children = controller.Sample(2, new Random(2));
        controller.Learn(children, [-1.0, -3.0]);
        var stored = controller.Buffer[0].Children;
        Assert.Equal(first, stored[0].Advantage, 12);
        Assert.Equal(second, stored[1].Advantage, 12);
        Assert.Equal(-2.0, controller.Baseline!.Value, 12);
    }

    [Fact]
    public void BioNasPreset_ScalesAdvantagesByRewardMagnitude() =>
        Assert.Equal(AdvantageScaling.RewardMagnitude, ControllerOptions.BioNas.AdvantageScaling);

    [Fact]
    public void SaveAndLoad_RestoresAControllerThatSamplesIdentically()
    {
        var dir = TestPaths.TempDir();
        var controller = new ArchitectureController([4, 3, 3], ControllerOptions.BioNas with { LstmUnits = 8 }, new PpoUpdate(), seed: 1);
        var rng = new Random(3);
        for (int e = 0; e < 3; e++)
        {
            var children = controller.Sample(4, rng);
            controller.Learn(children, children.Select(c => -(double)c.Architecture[0]).ToArray());
        }

        var path = Path.Combine(dir, "controller.json");
        controller.Save(path);
        var restored = ArchitectureController.Load(path, new PpoUpdate());
        Assert.Equal(controller.Updates, restored.Updates);
        Assert.Equal(controller.Baseline, restored.Baseline);
        Assert.Equal(controller.Buffer.Count, restored.Buffer.Count);
        var a = controller.Sample(10, new Random(5)).Select(s => s.Architecture.ToString());
        var b = restored.Sample(10, new Random(5)).Select(s => s.Architecture.ToString());
        Assert.Equal(a, b);

        // The next update must also be identical (optimiser moments and buffer restored).
        var kids = controller.Sample(4, new Random(6));
        controller.Learn(kids, [1, 2, 3, 4]);
        restored.Learn(kids, [1, 2, 3, 4]);
        Assert.Equal(controller.Policy.Parameters[0], restored.Policy.Parameters[0]);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Load_WithAnotherAlgorithm_IsBadInput()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "controller.json");
        new ArchitectureController([2, 2], ControllerOptions.BioNas, new ReinforceUpdate(), 1).Save(path);
        var ex = Assert.Throws<Motiflens.IO.InputException>(() => ArchitectureController.Load(path, new PpoUpdate()));
        Assert.Contains("ReinforceUpdate", ex.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }
}
