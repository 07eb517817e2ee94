using Motiflens.Engine.Training;
using Motiflens.IO;
using Motiflens.Search.Evaluation;

namespace Motiflens.Search.Tests.Evaluation;

public class EvaluationSettingsTests
{
    private const string Meme = """
        MEME version 4

        ALPHABET= ACGT

        MOTIF GATA1 GATA

        letter-probability matrix: alength= 4 w= 6 nsites= 20 E= 0
        0.01 0.01 0.97 0.01
        0.97 0.01 0.01 0.01
        0.01 0.01 0.01 0.97
        0.97 0.01 0.01 0.01
        0.97 0.01 0.01 0.01
        0.01 0.01 0.97 0.01

        """;

    [Fact]
    public void SavedAndLoaded_TrainsAChildExactlyAsTheOriginalTrainer()
    {
        var dir = TestPaths.TempDir();
        var space = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(space, """
            name: tiny
            input: {length: 40}
            layers:
              - [{type: conv1d, filters: 4, kernel_size: [6, 9]}]
              - [{type: globalmaxpool1d}, {type: flatten}]
            output: {type: dense, units: 1, activation: sigmoid}
            """);
        var data = Path.Combine(dir, "tiny.npz");
        LocalEvaluatorTests.TinyDataset(3).Save(data);
        var motifs = Path.Combine(dir, "gata.meme");
        File.WriteAllText(motifs, Meme);
        var settings = new EvaluationSettings
        {
            SpacePath = space,
            DataPath = data,
            KnowledgePath = motifs,
            MotifNames = ["GATA1"],
            Options = new LocalEvaluatorOptions
            {
                Training = new TrainingOptions { Epochs = 2, BatchSize = 32, LearningRate = 0.02, Adversarial = AdversarialKind.Fgsm, AdversarialEpsilon = 0.05 },
                Restarts = 1,
                LearnedMargin = 0.02,
            },
        };
        var path = Path.Combine(dir, "evaluation.json");
        settings.Save(path);
        var loaded = EvaluationSettings.Load(path);
        Assert.Equal(settings.Options, loaded.Options);
        Assert.Equal(["GATA1"], loaded.MotifNames);
        Assert.Equal(motifs, loaded.KnowledgePath);

        var task = new ChildTask(5, 1, [1, 0], ["conv1d(filters=4,kernel=9,relu)", "globalmaxpool1d"], 77);
        var a = settings.CreateTrainer().Evaluate(task, Path.Combine(dir, "a"), 1, CancellationToken.None);
        var b = loaded.CreateTrainer().Evaluate(task, Path.Combine(dir, "b"), 1, CancellationToken.None);
        Assert.True(a.Ok);
        Assert.Equal(a.Measurement!.Loss, b.Measurement!.Loss);
        Assert.Equal(a.Measurement.Knowledge, b.Measurement.Knowledge);
        Assert.True(a.Measurement.Knowledge > 0);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", "weights.npz")), File.ReadAllBytes(Path.Combine(dir, "b", "weights.npz")));

        // The result left in a directory is taken as it is the next time (an interrupted run's finished child).
        var again = loaded.CreateTrainer().Evaluate(task, Path.Combine(dir, "b"), 1, CancellationToken.None);
        Assert.Equal(b.WallSeconds, again.WallSeconds);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Load_MissingOrBrokenFile_IsInputExceptionNamingIt()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "evaluation.json");
        Assert.Contains("evaluation.json is missing", Assert.Throws<InputException>(() => EvaluationSettings.Load(path)).Message, StringComparison.Ordinal);
        File.WriteAllText(path, "{\"space\": 3");
        var ex = Assert.Throws<InputException>(() => EvaluationSettings.Load(path));
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected evaluation settings", ex.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }
}
