using Motiflens.Genomics.Datasets;

namespace Motiflens.Genomics.Tests.Datasets;

public class DatasetSummaryTests
{
    [Fact]
    public void Of_CountsPositivesPerTaskGcAndN()
    {
        var split = new DatasetSplit("train", 2, 4, 2, Alphabet.Encode("GCAT" + "GGNN"), [1, 0, 0.5f, 0.2f]);
        var summary = DatasetSummary.Of(new SequenceDataset([split], ["M"]));
        Assert.Equal((4, 2), (summary.Length, summary.Tasks));
        var s = Assert.Single(summary.Splits);
        Assert.Equal(new[] { 2, 0 }, s.Positives);
        Assert.Equal(4.0 / 6, s.GcFraction, 12);
        Assert.Equal(2.0 / 8, s.NFraction, 12);
        Assert.Equal(new[] { "M" }, summary.MotifNames);
    }
}
