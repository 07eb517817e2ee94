using Motiflens.Engine.Training;
using Motiflens.IO;
using Motiflens.Search.Population;

namespace Motiflens.Search.Tests.Population;

public class PopulationFilesTests
{
    [Fact]
    public void TaskJson_RoundTripsEveryField()
    {
        var grid = PopulationGrid.Paper with { Attribution = new PopulationAttribution(MaxSequences: 300, Examples: 7) };
        foreach (var task in grid.Tasks(baseSeed: 5, "/data/code.npz", length: 200).Where(t => t.Member.Seed == 6))
        {
            string text = PopulationFiles.TaskJson(task);
            var back = PopulationFiles.ParseTask(text, "task.json");
            Assert.Equal(task.Member, back.Member);
            Assert.Equal(task.Data, back.Data);
            Assert.Equal(task.Attribution, back.Attribution);
            Assert.Equal(task.Training, back.Training);
            Assert.Equal(task.Spec.Layers.Count, back.Spec.Layers.Count);
            Assert.Equal(text, PopulationFiles.TaskJson(back));
        }
    }

    [Fact]
    public void TaskJson_AdversarialKindIsWrittenByName()
    {
        var task = PopulationGrid.Paper.Tasks(0, "/d.npz", 200).First(t => t.Member.Regularization == RegularizationKind.Adversarial);
        string text = PopulationFiles.TaskJson(task);
        Assert.Contains("\"adversarial\": \"pgd\"", text, StringComparison.Ordinal);
        Assert.Contains("\"adversarial_epsilon\": 0.03", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"threads\"", text, StringComparison.Ordinal);
        Assert.Equal(AdversarialKind.Pgd, PopulationFiles.ParseTask(text, "t").Training.Adversarial);
    }

    [Fact]
    public void ParseTask_BadFieldsNameTheFileAndKey()
    {
        var task = PopulationGrid.Small.Tasks(0, "/d.npz", 200)[0];
        string text = PopulationFiles.TaskJson(task);
        var ex = Assert.Throws<InputException>(() => PopulationFiles.ParseTask(text.Replace("\"none\"", "\"dropout\"", StringComparison.Ordinal), "t.json"));
        Assert.Contains("t.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("regularization", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<InputException>(() => PopulationFiles.ParseTask("{\"format\": \"other\"}", "t.json"));
        Assert.Contains("format", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<InputException>(() => PopulationFiles.ParseTask(text.Replace("\"epochs\": 4", "\"epochs\": 0", StringComparison.Ordinal), "t.json"));
        Assert.Contains("epochs must be at least 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_RoundTripsThroughResultJson()
    {
        var dir = TestPaths.TempDir();
        var row = new PopulationRow
        {
            Id = "nobn-exponential-adversarial-s3",
            BatchNorm = false,
            Activation = "exponential",
            Regularization = RegularizationKind.Adversarial,
            Seed = 3,
            Ok = true,
            TestLoss = 0.25,
            TestAuroc = 0.975,
            TestAupr = 0.97,
            Snr = 1.5,
            InterpAuroc = 0.8,
            InterpAupr = double.NaN,
            KldOriginal = 2.5,
            KldWeighted = new SortedDictionary<int, double> { [3] = 0.1, [8] = 0.2 },
            KldMultiscale = 0.15,
            TrainSeconds = 12.5,
            Epochs = 9,
            ModelDir = "models/nobn-exponential-adversarial-s3/model",
        };
        Assert.Null(PopulationFiles.TryReadResult(dir));
        PopulationFiles.WriteResult(dir, row);
        var back = PopulationFiles.TryReadResult(dir)!;
        Assert.Equal(row with { KldWeighted = back.KldWeighted }, back);
        Assert.Equal(row.KldWeighted, back.KldWeighted);
        Directory.Delete(dir, true);
    }
}
