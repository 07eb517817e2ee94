using Motiflens.IO;
using Motiflens.Search.History;

namespace Motiflens.Search.Tests.History;

public class SearchHistoryTests
{
    private static ChildRecord Record(int trial, double? loss = 0.5) => new()
    {
        Trial = trial,
        Episode = trial / 2,
        Tokens = [trial % 3, 1],
        Layers = ["conv1d(filters=3,kernel=8,relu)", "flatten"],
        Loss = loss,
        Knowledge = 1.25,
        Reward = -1.75,
        Lambda = 1,
        Metrics = new Dictionary<string, double> { ["auroc"] = 0.9 },
        Seed = 42,
        WallSeconds = 1.5,
        Status = loss is null ? ChildStatus.Failed : ChildStatus.Ok,
        Reason = loss is null ? "invalid architecture: pool too long" : null,
    };

    [Fact]
    public void WriterAndReader_RoundTripEveryField()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "history.jsonl");
        using (var w = SearchHistoryWriter.Open(path))
        {
            w.Append(Record(0));
            w.Append(Record(1, loss: null));
        }

        var read = SearchHistory.Read(path);
        Assert.Empty(read.Warnings);
        Assert.Equal(2, read.Records.Count);
        var r = read.Records[0];
        Assert.Equal(0.5, r.Loss);
        Assert.Equal(1.25, r.Knowledge);
        Assert.Equal(0.9, r.Metrics["auroc"]);
        Assert.Equal(ChildStatus.Failed, read.Records[1].Status);
        Assert.Equal("invalid architecture: pool too long", read.Records[1].Reason);
        Assert.Contains("\"status\":\"ok\"", File.ReadAllLines(path)[0], StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Read_TruncatedLastLine_IsIgnoredWithAWarningAndCutOnReopen()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "history.jsonl");
        var full = SearchHistory.ToJsonLine(Record(0)) + "\n";
        var partial = SearchHistory.ToJsonLine(Record(1))[..25];
        File.WriteAllText(path, full + partial);
        var read = SearchHistory.Read(path);
        Assert.Single(read.Records);
        Assert.Single(read.Warnings);
        Assert.Contains(":2: ignoring a truncated last record", read.Warnings[0], StringComparison.Ordinal);

        using (var w = SearchHistoryWriter.Open(path))
        {
            Assert.Single(w.Existing);
            w.Append(Record(1));
        }

        var again = SearchHistory.Read(path);
        Assert.Equal([0, 1], again.Records.Select(x => x.Trial));
        Assert.Empty(again.Warnings);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Read_CorruptLineInTheMiddle_IsBadInputWithLine()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "history.jsonl");
        File.WriteAllText(path, SearchHistory.ToJsonLine(Record(0)) + "\n{oops\n" + SearchHistory.ToJsonLine(Record(2)) + "\n");
        var ex = Assert.Throws<InputException>(() => SearchHistory.Read(path));
        Assert.StartsWith($"{path}:2: ", ex.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("myc-216-grid-seed1.jsonl")]
    [InlineData("myc-216-grid-seed2.jsonl")]
    [InlineData("myc-216-grid-seed3.jsonl")]
    public void ReadAny_ShippedMycGridHistory_HoldsEveryArchitectureThreeTimes(string name)
    {
        var space = Motiflens.Search.Spaces.ModelSpaceReader.Load(TestPaths.Example("bionas-216.yaml"));
        var read = SearchHistory.ReadAny(Path.Combine(TestPaths.RepoRoot, "examples", "histories", name), space);
        Assert.Empty(read.Warnings);
        Assert.Equal(648, read.Records.Count);
        Assert.All(read.Records, r => Assert.True(r.IsOk && r.Loss > 0 && r.Knowledge >= 0, $"trial {r.Trial}"));
        var counts = read.Records.GroupBy(r => string.Join('-', r.Tokens)).Select(g => g.Count()).ToArray();
        Assert.Equal(216, counts.Length);
        Assert.All(counts, c => Assert.Equal(3, c));
        Assert.All(read.Records, r => Assert.InRange(r.Metrics["attempts"], 1, 3));
    }
}
