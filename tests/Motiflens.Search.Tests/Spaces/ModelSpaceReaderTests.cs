using Motiflens.IO;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Spaces;

public class ModelSpaceReaderTests
{
    [Fact]
    public void Load_Bionas216_Has216ArchitecturesInFourLayers()
    {
        var space = ModelSpaceReader.Load(TestPaths.Example("bionas-216.yaml"));
        Assert.Equal(216, space.Size);
        Assert.Equal([6, 3, 4, 3], space.OptionCounts);
        Assert.Equal(200, space.InputLength);
        Assert.Equal("conv1d(filters=3,kernel=14,relu)", space.Layers[0].Options[1].Label);
        Assert.Equal("denovo(filters=3,kernel=20)", space.Layers[0].Options[5].Label);
        Assert.Equal("maxpool1d(size=8,stride=8)", space.Layers[1].Options[1].Label);
        Assert.Equal("sfc(units=10,relu)", space.Layers[2].Options[3].Label);
        Assert.Equal("dense(units=1,sigmoid)", space.Output.Label);
    }

    [Fact]
    public void Load_BionasEclip_Has1166400Architectures()
    {
        var space = ModelSpaceReader.Load(TestPaths.Example("bionas-eclip.yaml"));
        Assert.Equal(1_166_400, space.Size);
        Assert.Equal(8, space.Layers.Count);
    }

    [Fact]
    public void Parse_ListValuedParameters_ExpandToTheirCartesianProduct()
    {
        var space = ModelSpaceReader.Parse("""
            input: {length: 50}
            layers:
              - [{type: conv1d, filters: [2, 4], kernel_size: [3, 5, 7], activation: exponential}]
              - [{type: flatten}]
            output: {type: dense, units: 1, activation: sigmoid}
            """, "x.yaml");
        Assert.Equal(6, space.Layers[0].Options.Count);
        Assert.Equal("conv1d(filters=2,kernel=3,exponential)", space.Layers[0].Options[0].Label);
        Assert.Equal("conv1d(filters=4,kernel=7,exponential)", space.Layers[0].Options[5].Label);
        Assert.Equal("layer1", space.Layers[0].Name);
    }

    [Theory]
    [InlineData("input: {length: 50}\nlayers:\n  - [{type: convolve, filters: 3}]\noutput: {type: dense, units: 1}\n", 3, "found 'convolve'")]
    [InlineData("input: {length: 50}\nlayers:\n  - [{type: conv1d, filters: 3, kernel_size: -2}]\noutput: {type: dense, units: 1}\n", 3, "found '-2'")]
    [InlineData("input: {length: 50}\nlayers:\n  - [{type: conv1d, filters: 3, kernel_size: 4, pool: 2}]\noutput: {type: dense, units: 1}\n", 3, "found 'pool'")]
    [InlineData("input: {length: 50}\nlayers:\n  - name: a\n    options:\n      - {type: maxpool1d}\noutput: {type: dense, units: 1}\n", 5, "needs 'pool_size'")]
    [InlineData("input: {length: 0}\nlayers: []\noutput: {type: dense, units: 1}\n", 1, "positive integer")]
    [InlineData("input: {length: 50}\nlayers:\n  - [{type: flatten}, {type: flatten}]\noutput: {type: dense, units: 1}\n", 3, "duplicate option")]
    [InlineData("input: {length: 50}\nlayers:\n  - [{type: flatten}]\n", 1, "expected 'output'")]
    public void Parse_BadInput_ReportsFileAndLine(string yaml, int line, string fragment)
    {
        var ex = Assert.Throws<InputException>(() => ModelSpaceReader.Parse(yaml, "bad.yaml"));
        Assert.StartsWith($"bad.yaml:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input: {length: 50\nlayers: [")]
    [InlineData("input: [1, 2\nlayers: x: y: z\n")]
    [InlineData("- a\nb: c\n")]
    public void Parse_MalformedYaml_IsBadInputNamingTheFile(string yaml)
    {
        var ex = Assert.Throws<InputException>(() => ModelSpaceReader.Parse(yaml, "bad.yaml"));
        Assert.StartsWith("bad.yaml:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("YAML", ex.Message, StringComparison.Ordinal);
    }
}
