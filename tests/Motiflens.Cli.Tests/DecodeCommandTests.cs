using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Knowledge;

namespace Motiflens.Cli.Tests;

public sealed class DecodeCommandTests : IDisposable
{
    private readonly string _dir = CliHarness.TempDir();
    private readonly FilterBank _filters;

    public DecodeCommandTests()
    {
        var spec = BuiltinModels.BionasSmall(50);
        using var model = ModelBuilder.Build(spec, seed: 6);
        ModelDirectory.Save(ModelDir, spec, model);
        _filters = FilterBank.FromModel(model)!;
    }

    private string ModelDir => Path.Combine(_dir, "model");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Decode_WritesOneMemeMotifPerFilter_EqualToTheSoftmaxOfItsRows()
    {
        string output = Path.Combine(_dir, "filters.meme");
        var result = CliHarness.Run("decode", "--model", ModelDir, "--out", output, "--temperature", "0.5");
        Assert.Equal(0, result.ExitCode);
        var motifs = MotifReader.Read(output);
        Assert.Equal(10, motifs.Count);
        Assert.Equal("filter_3", motifs[3].Id);
        Assert.Equal(20, motifs[3].Width);
        var expected = FilterDecoder.Decode(_filters, 0.5);
        for (int i = 0; i < 20; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                Assert.True(Math.Abs(expected[(((3 * 20) + i) * 4) + c] - motifs[3][i, c]) < 1e-5);
            }
        }
    }

    [Fact]
    public void Decode_NonPositiveTemperature_IsExit2AndWritesNothing()
    {
        string output = Path.Combine(_dir, "none.meme");
        var result = CliHarness.Run("decode", "--model", ModelDir, "--out", output, "--temperature", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Decode_Json_IsOneSnakeCaseLineDescribingTheFile()
    {
        string output = Path.Combine(_dir, "filters.meme");
        var result = CliHarness.Run("decode", "--model", ModelDir, "--out", output, "--temperature", "0.5", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{{\"out\":{System.Text.Json.JsonSerializer.Serialize(output)},\"n_filters\":10,\"width\":20,\"temperature\":0.5}}", result.Stdout.TrimEnd());
    }
}
