using Motiflens.IO;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.History;

public class BioNasHistoryReaderTests
{
    private static ModelSpace Space => ModelSpaceReader.Load(TestPaths.Example("bionas-216.yaml"));

    [Fact]
    public void Read_MapsLayerStringsOntoSpaceTokensAndMetrics()
    {
        var records = BioNasHistoryReader.Read(TestPaths.TestData("bionas_train_history.csv"), Space);
        Assert.Equal(4, records.Count);
        Assert.Equal([0, 0, 0, 0], records[0].Tokens);
        Assert.Equal(0.3012, records[0].Loss);
        Assert.Equal(1.2345, records[0].Knowledge);
        Assert.Equal(-1.5357, records[0].Reward);
        Assert.Equal(0.91, records[0].Metrics["accuracy"]);
        Assert.Equal([4, 1, 1, 2], records[1].Tokens);
        Assert.Equal(1, records[2].Replicate);
        Assert.Equal([2, 2, 3, 1], records[3].Tokens);
        Assert.Equal("sfc(units=10,relu)", records[3].Layers[2]);
    }

    [Fact]
    public void Read_UnknownOption_IsBadInputNamingTheLine()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "h.csv");
        File.WriteAllText(path, "0,\"[0.9, 1, 0.3]\",-1.3,conv1d:{'filters': 3, 'kernel_size': 9},Identity:{},Flatten:{},Identity:{}\n");
        var ex = Assert.Throws<InputException>(() => BioNasHistoryReader.Read(path, Space));
        Assert.StartsWith($"{path}:1: layer 1: ", ex.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SplitFields_KeepsCommasInsideQuotesAndBraces()
    {
        var fields = BioNasHistoryReader.SplitFields("1,\"[1, 2]\",x:{'a': 1, 'b': 2},y");
        Assert.Equal(["1", "[1, 2]", "x:{'a': 1, 'b': 2}", "y"], fields);
    }
}
