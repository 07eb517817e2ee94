using Motiflens.Search.Controllers;
using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests;

public class ArchitectureSearchTests
{
    /// <summary>Answers from a replay history, counts evaluations, and "dies" after a set number of children.</summary>
    private sealed class CrashingEvaluator(ReplayEvaluator inner, int crashAfter) : IChildEvaluator
    {
        public int Evaluated { get; private set; }

        public IReadOnlyList<ChildOutcome> Evaluate(IReadOnlyList<ChildTask> tasks, Action<ChildOutcome> completed, CancellationToken cancellationToken)
        {
            var outcomes = new List<ChildOutcome>();
            foreach (var t in tasks)
            {
                if (Evaluated == crashAfter)
                {
                    throw new OperationCanceledException("killed");
                }

                Evaluated++;
                var o = inner.Evaluate(t);
                completed(o);
                outcomes.Add(o);
            }

            return outcomes;
        }
    }

    private static (List<ChildRecord> Records, int Evaluated) RunWithCrashes(ModelSpace space, ReplayEvaluator replay, string dir, int[] crashes)
    {
        var history = Path.Combine(dir, "history.jsonl");
        var options = new SearchOptions { Episodes = 6, ChildrenPerEpisode = 4, Seed = 5, Lambda = 1, StateDirectory = dir };
        int evaluated = 0;
        foreach (var crashAfter in crashes.Append(int.MaxValue))
        {
            using var writer = SearchHistoryWriter.Open(history);
            var statePath = ArchitectureSearch.StatePath(dir);
            var controller = File.Exists(statePath)
                ? ArchitectureController.Load(statePath, new ReinforceUpdate())
                : new ArchitectureController(space.OptionCounts, ControllerOptions.BioNas with { LstmUnits = 8 }, new ReinforceUpdate(), 5);
            var evaluator = new CrashingEvaluator(replay, crashAfter);
            var search = new ArchitectureSearch(space, controller, evaluator, new KnowledgeReward(1), options, writer.Existing, writer.Append);
            try
            {
                search.Run(null, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // The "kill": the next loop iteration resumes.
            }

            evaluated += evaluator.Evaluated;
        }

        return (SearchHistory.Read(history).Records.ToList(), evaluated);
    }

    [Fact]
    public void Resume_AfterKills_LosesNoChildAndEvaluatesNoneTwice()
    {
        var space = SyntheticHistory.Space;
        var replay = new ReplayEvaluator(SyntheticHistory.Create(space, 3, 6));
        var dirA = TestPaths.TempDir();
        var dirB = TestPaths.TempDir();
        var uninterrupted = RunWithCrashes(space, replay, dirA, []);
        var interrupted = RunWithCrashes(space, replay, dirB, [3, 5, 2]);

        Assert.Equal(24, uninterrupted.Records.Count);
        Assert.Equal(24, interrupted.Evaluated);
        Assert.Equal(Enumerable.Range(0, 24), interrupted.Records.Select(r => r.Trial).Order());

        // Resuming reproduces exactly the history of the run that was never killed.
        var a = uninterrupted.Records.OrderBy(r => r.Trial).Select(r => (r.Trial, string.Join('-', r.Tokens), r.Reward, r.Seed));
        var b = interrupted.Records.OrderBy(r => r.Trial).Select(r => (r.Trial, string.Join('-', r.Tokens), r.Reward, r.Seed));
        Assert.Equal(a, b);
        Directory.Delete(dirA, true);
        Directory.Delete(dirB, true);
    }

    [Fact]
    public void InvalidChildren_AreRecordedAsFailedWithTheWorstRewardAndNeverEvaluated()
    {
        var space = ModelSpaceReader.Parse("""
            input: {length: 30}
            layers:
              - [{type: conv1d, filters: 3, kernel_size: [5, 25]}]
              - [{type: maxpool1d, pool_size: 8}, {type: identity}]
              - [{type: flatten}]
            output: {type: dense, units: 1, activation: sigmoid}
            """, "s.yaml");
        var records = new List<ChildRecord>();
        foreach (var arch in space.Enumerate().Where(a => space.InvalidReason(a) is null))
        {
            records.Add(new ChildRecord { Trial = records.Count, Tokens = arch.Tokens.ToArray(), Layers = space.LayerStrings(arch), Loss = 0.3 + 0.1 * arch[0], Knowledge = 1 });
        }

        var evaluator = new CrashingEvaluator(new ReplayEvaluator(records), int.MaxValue);
        var controller = new ArchitectureController(space.OptionCounts, ControllerOptions.BioNas with { LstmUnits = 8 }, new ReinforceUpdate(), 1);
        var search = new ArchitectureSearch(space, controller, evaluator, new KnowledgeReward(1), new SearchOptions { Episodes = 10, ChildrenPerEpisode = 4, Seed = 2 });
        var summary = search.Run(null, CancellationToken.None);
        var failed = summary.Records.Where(r => r.Status == ChildStatus.Failed).ToArray();
        Assert.NotEmpty(failed);
        Assert.All(failed, r => Assert.Equal([1, 0], r.Tokens.Take(2)));
        Assert.All(failed, r => Assert.StartsWith("invalid architecture: ", r.Reason, StringComparison.Ordinal));
        Assert.Equal(40 - failed.Length, evaluator.Evaluated);
        Assert.Equal(10, controller.Updates);
    }

    private static (ArchitectureController Controller, IReadOnlyList<ChildRecord> Records) RunReplay(RewardEstimate estimate, int elites)
    {
        var space = SyntheticHistory.Space;
        // Replicates far apart, so that an architecture's median and a single draw differ.
        var history = SyntheticHistory.Create(space, 3, 2).Select(r => r with { Loss = r.Loss + 0.1 * r.Replicate }).ToList();
        var controller = new ArchitectureController(space.OptionCounts, ControllerOptions.BioNas with { LstmUnits = 8, LearningRate = 0.05 }, new ReinforceUpdate(), 4);
        var search = new ArchitectureSearch(space, controller, new ReplayEvaluator(history), new KnowledgeReward(1),
            new SearchOptions { Episodes = 12, ChildrenPerEpisode = 6, Seed = 9, Lambda = 1, RewardEstimate = estimate, Elites = elites });
        return (controller, search.Run(null, CancellationToken.None).Records);
    }

    /// <summary>The reward of the median L and median K of <paramref name="arch"/> over the records of episodes up to <paramref name="episode"/>.</summary>
    private static double MedianReward(IReadOnlyList<ChildRecord> records, Architecture arch, int episode)
    {
        static double Median(double[] v)
        {
            Array.Sort(v);
            return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
        }

        var mine = records.Where(r => r.Episode <= episode && new Architecture(r.Tokens).Equals(arch)).ToArray();
        return -(Median(mine.Select(r => r.Loss!.Value).ToArray()) + Median(mine.Select(r => r.Knowledge!.Value).ToArray()));
    }

    [Fact]
    public void MedianEstimate_ControllerLearnsFromTheArchitecturesMedianOverAllItsEvaluationsSoFar()
    {
        var (controller, records) = RunReplay(RewardEstimate.Median, elites: 0);
        int differing = 0;
        foreach (var episode in controller.Buffer)
        {
            var own = records.Where(r => r.Episode == episode.Index).OrderBy(r => r.Trial).ToArray();
            Assert.Equal(own.Length, episode.Children.Count);
            for (int i = 0; i < own.Length; i++)
            {
                Assert.Equal(own[i].Tokens, episode.Children[i].Tokens);
                Assert.Equal(MedianReward(records, new Architecture(own[i].Tokens), episode.Index), episode.Children[i].Reward, 12);
                differing += Math.Abs(own[i].Reward - episode.Children[i].Reward) > 1e-9 ? 1 : 0;
            }
        }

        Assert.True(differing > 0, "no repeated architecture: the test would not tell the estimates apart");
    }

    [Fact]
    public void ChildEstimate_ControllerLearnsFromEachChildsOwnReward()
    {
        var (controller, records) = RunReplay(RewardEstimate.Child, elites: 0);
        foreach (var episode in controller.Buffer)
        {
            var own = records.Where(r => r.Episode == episode.Index).OrderBy(r => r.Trial).Select(r => r.Reward);
            Assert.Equal(own, episode.Children.Select(c => c.Reward));
        }
    }

    [Fact]
    public void Elites_TheBestMedianArchitecturesSoFarJoinEveryUpdate()
    {
        var (controller, records) = RunReplay(RewardEstimate.Median, elites: 2);
        foreach (var episode in controller.Buffer)
        {
            int sampled = records.Count(r => r.Episode == episode.Index);
            Assert.Equal(sampled + 2, episode.Children.Count);
            var seen = records.Where(r => r.Episode <= episode.Index).Select(r => new Architecture(r.Tokens)).Distinct()
                .Select(a => (Arch: a, Reward: MedianReward(records, a, episode.Index)))
                .OrderByDescending(x => x.Reward).ThenBy(x => x.Arch.ToString(), StringComparer.Ordinal).Take(2).ToArray();
            var elites = episode.Children.Skip(sampled).ToArray();
            Assert.Equal(seen.Select(x => x.Arch.ToString()), elites.Select(c => c.Architecture.ToString()));
            Assert.Equal(seen.Select(x => x.Reward), elites.Select(c => c.Reward), new ToleranceComparer(1e-12));
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
