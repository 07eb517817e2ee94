using Motiflens.Interpretation.Metrics;
using Motiflens.IO;

namespace Motiflens.Interpretation.Tests.Metrics;

public class LengthWeightsTests
{
    [Fact]
    public void Default_IsTheShippedCalibrationOver3To8()
    {
        // docs/reproduction.md: calibrate on the 140-model paper population of the code dataset.
        Assert.Equal(new[] { 3, 4, 5, 6, 7, 8 }, LengthWeights.Default.Ks);
        Assert.Equal(1.0, LengthWeights.Default.Weights.Values.Sum(), 12);
        Assert.Equal(0.1578, LengthWeights.Default.Weights[3], 4);
        Assert.Equal(0.1700, LengthWeights.Default.Weights[7], 4);
    }

    [Fact]
    public void Uniform_IsOneSixthOver3To8()
    {
        Assert.Equal(new[] { 3, 4, 5, 6, 7, 8 }, LengthWeights.Uniform.Ks);
        Assert.All(LengthWeights.Uniform.Weights.Values, w => Assert.Equal(1.0 / 6, w, 15));
    }

    [Fact]
    public void Parse_NormalisesTheWeights()
    {
        var w = LengthWeights.Parse("{\"3\": 1, \"5\": 3, \"8\": 0}");
        Assert.Equal(0.25, w.Weights[3]);
        Assert.Equal(0.75, w.Weights[5]);
        Assert.Equal(new[] { 3, 5 }, w.Ks);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"x\": 1}")]
    [InlineData("{\"13\": 1}")]
    [InlineData("{\"3\": -1}")]
    [InlineData("{\"3\": \"a\"}")]
    [InlineData("{\"3\": 0}")]
    [InlineData("{\"3\": 1,")]
    public void Parse_BadInput_IsAnInputExceptionNamingTheSource(string json)
    {
        var ex = Assert.Throws<InputException>(() => LengthWeights.Parse(json, "w.json"));
        Assert.StartsWith("w.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsExactly()
    {
        string path = Path.Combine(Path.GetTempPath(), $"motiflens-weights-{Guid.NewGuid():N}.json");
        try
        {
            var weights = LengthWeights.Parse("{\"3\": 0.1, \"6\": 0.7, \"8\": 0.3}");
            weights.Save(path);
            Assert.Equal(weights.Weights, LengthWeights.Load(path).Weights);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_IsAnInputException()
    {
        Assert.Throws<InputException>(() => LengthWeights.Load(Path.Combine(Path.GetTempPath(), "no-such-weights.json")));
    }
}
