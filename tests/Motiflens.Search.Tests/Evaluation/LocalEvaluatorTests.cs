using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Knowledge;
using Motiflens.Search.Evaluation;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Evaluation;

public class LocalEvaluatorTests
{
    private const int Length = 40;

    /// <summary>Positives carry GATAAG at a random position; negatives are random.</summary>
    internal static SequenceDataset TinyDataset(int seed)
    {
        var rng = new Random(seed);
        DatasetSplit Split(string name, int n)
        {
            var codes = new byte[n * Length];
            var targets = new float[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < Length; j++)
                {
                    codes[i * Length + j] = (byte)rng.Next(4);
                }

                if (i % 2 == 0)
                {
                    int at = rng.Next(Length - 6);
                    byte[] motif = [2, 0, 3, 0, 0, 2];
                    motif.CopyTo(codes, i * Length + at);
                    targets[i] = 1;
                }
            }

            return new DatasetSplit(name, n, Length, 1, codes, targets);
        }

        return new SequenceDataset([Split("train", 200), Split("valid", 60)]);
    }

    internal static KnowledgeMotif Gata()
    {
        byte[] motif = [2, 0, 3, 0, 0, 2];
        var p = new double[motif.Length * 4];
        for (int i = 0; i < motif.Length; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                p[i * 4 + c] = c == motif[i] ? 0.97 : 0.01;
            }
        }

        return new KnowledgeMotif("GATA", p);
    }

    internal static ModelSpace TinySpace => ModelSpaceReader.Parse("""
        name: tiny
        input: {length: 40}
        layers:
          - [{type: conv1d, filters: 4, kernel_size: [6, 9]}]
          - [{type: globalmaxpool1d}, {type: flatten}]
        output: {type: dense, units: 1, activation: sigmoid}
        """, "tiny.yaml");

    [Fact]
    public void Evaluate_TrainsEachChildInItsOwnDirectoryAndMeasuresLossAndK()
    {
        var root = TestPaths.TempDir();
        var space = TinySpace;
        var evaluator = new LocalEvaluator(space, TinyDataset(1), [Gata()], root,
            new LocalEvaluatorOptions { Training = new TrainingOptions { Epochs = 2, BatchSize = 32, Patience = 2 }, Parallel = 2, Threads = 2, ComputeKld = true, KldSequences = 20 });
        var tasks = new[] { new Architecture([0, 0]), new Architecture([1, 1]) }
            .Select((a, i) => new ChildTask(i, 0, a.Tokens.ToArray(), space.LayerStrings(a), 10 + i)).ToArray();
        var seen = new List<int>();
        var outcomes = evaluator.Evaluate(tasks, o => seen.Add(o.Task.Trial), CancellationToken.None);
        Assert.Equal([0, 1], seen.Order());
        Assert.All(outcomes, o => Assert.True(o.Ok, o.FailureReason));
        Assert.All(outcomes, o => Assert.InRange(o.Measurement!.Loss, 0.01, 2.0));
        Assert.All(outcomes, o => Assert.True(o.Measurement!.Knowledge > 0));
        Assert.All(outcomes, o => Assert.True(double.IsFinite(o.Measurement!.Kld!.Value)));
        Assert.True(outcomes[0].Measurement!.Metrics.ContainsKey("auroc"));
        foreach (var t in tasks)
        {
            var dir = ChildFiles.Directory(root, t.Trial);
            Assert.True(File.Exists(Path.Combine(dir, "model.json")));
            Assert.True(File.Exists(Path.Combine(dir, "weights.npz")));
            Assert.Equal(t.Tokens, ChildFiles.ReadTask(dir).Tokens);
            Assert.Equal(outcomes[t.Trial].Measurement!.Loss, ChildFiles.TryReadResult(dir)!.Measurement!.Loss);
        }

        // A second call finds the finished results instead of training again.
        var again = evaluator.Evaluate(tasks, _ => { }, CancellationToken.None);
        Assert.Equal(outcomes[1].Measurement!.Loss, again[1].Measurement!.Loss);
        Directory.Delete(root, true);
    }

    [Fact]
    public void Evaluate_ChildThatThrows_IsRetriedThenRecordedFailedAndTheOthersGoOn()
    {
        var root = TestPaths.TempDir();
        var space = TinySpace;
        // Child 1's directory cannot be created: a file is in the way, every attempt throws an IOException.
        File.WriteAllText(ChildFiles.Directory(root, 1), "in the way");
        var evaluator = new LocalEvaluator(space, TinyDataset(1), [], root,
            new LocalEvaluatorOptions { Training = new TrainingOptions { Epochs = 1, BatchSize = 32 }, Restarts = 0 }) { Retries = 1 };
        var tasks = new[] { new Architecture([0, 0]), new Architecture([1, 1]) }
            .Select((a, i) => new ChildTask(i, 0, a.Tokens.ToArray(), space.LayerStrings(a), 10 + i)).ToArray();
        var recorded = new List<ChildOutcome>();
        var outcomes = evaluator.Evaluate(tasks, recorded.Add, CancellationToken.None);
        Assert.True(outcomes[0].Ok, outcomes[0].FailureReason);
        Assert.False(outcomes[1].Ok);
        Assert.StartsWith("IOException: ", outcomes[1].FailureReason, StringComparison.Ordinal);
        Assert.EndsWith("(after 2 attempts)", outcomes[1].FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, recorded.Count);
        Directory.Delete(root, true);
    }

    [Fact]
    public void Constructor_DataOfAnotherLength_IsBadInput()
    {
        var space = ModelSpaceReader.Parse("""
            input: {length: 41}
            layers:
              - [{type: conv1d, filters: 4, kernel_size: 6}]
              - [{type: flatten}]
            output: {type: dense, units: 1, activation: sigmoid}
            """, "s.yaml");
        var ex = Assert.Throws<Motiflens.IO.InputException>(() => new LocalEvaluator(space, TinyDataset(2), [], TestPaths.TempDir(), new LocalEvaluatorOptions()));
        Assert.Contains("expects 41", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Every sequence is the same, labels are coin flips: no model can beat the constant predictor.</summary>
    private static SequenceDataset Unlearnable()
    {
        var rng = new Random(5);
        DatasetSplit Split(string name, int n)
        {
            var targets = new float[n];
            for (int i = 0; i < n; i++)
            {
                targets[i] = rng.Next(2);
            }

            return new DatasetSplit(name, n, Length, 1, new byte[n * Length], targets);
        }

        return new SequenceDataset([Split("train", 128), Split("valid", 64)]);
    }

    private static ChildOutcome EvaluateFirst(SequenceDataset data, int restarts, int epochs = 2)
    {
        var space = TinySpace;
        var evaluator = new LocalEvaluator(space, data, [], TestPaths.TempDir(),
            new LocalEvaluatorOptions { Training = new TrainingOptions { Epochs = epochs, BatchSize = 32, Patience = 2, LearningRate = 0.01 }, Restarts = restarts });
        var arch = new Architecture([0, 0]);
        var task = new ChildTask(0, 0, arch.Tokens.ToArray(), space.LayerStrings(arch), 7);
        var outcome = evaluator.Evaluate([task], _ => { }, CancellationToken.None)[0];
        Assert.True(outcome.Ok, outcome.FailureReason);
        return outcome;
    }

    [Fact]
    public void Evaluate_ChildThatNeverBeatsTheConstantPredictor_IsReinitialisedUpToRestarts()
    {
        var outcome = EvaluateFirst(Unlearnable(), restarts: 2);
        Assert.Equal(3, outcome.Measurement!.Metrics["attempts"]);
        Assert.InRange(outcome.Measurement.Loss, 0.6, 0.8);
    }

    [Fact]
    public void Evaluate_WithoutRestarts_TrainsOnce()
    {
        var outcome = EvaluateFirst(Unlearnable(), restarts: 0);
        Assert.Equal(1, outcome.Measurement!.Metrics["attempts"]);
    }

    [Fact]
    public void Evaluate_ChildThatLearns_IsNotRestarted()
    {
        var outcome = EvaluateFirst(TinyDataset(3), restarts: 2, epochs: 8);
        Assert.Equal(1, outcome.Measurement!.Metrics["attempts"]);
        Assert.True(outcome.Measurement.Loss < 0.65, $"loss {outcome.Measurement.Loss}");
    }
}
