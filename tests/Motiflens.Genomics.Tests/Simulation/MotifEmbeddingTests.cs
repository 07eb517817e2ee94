using Motiflens.Genomics.Simulation;

namespace Motiflens.Genomics.Tests.Simulation;

public class MotifEmbeddingTests
{
    [Fact]
    public void JoinAndParse_RoundTripTheDatasetText()
    {
        var text = MotifEmbedding.Join([new MotifEmbedding(3, "MYC", 10, false), new MotifEmbedding(40, "CTCF", 16, true)]);
        Assert.Equal("3:MYC:+;40:CTCF:-", text);
        var back = MotifEmbedding.Parse(text);
        Assert.Equal(new[] { (3, "MYC", '+'), (40, "CTCF", '-') }, back.Select(e => (e.Start, e.Name, e.Strand)));
        Assert.Empty(MotifEmbedding.Parse(""));
        Assert.Throws<FormatException>(() => MotifEmbedding.Parse("3:MYC"));
    }
}
