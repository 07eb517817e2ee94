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
}
