using System.Text.Json;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Genomics.Motifs;

namespace Motiflens.Cli.Tests;

public sealed class KnowledgeCommandTests : IDisposable
{
    // GATTAC as a sharp motif, and an unrelated CCCGGG.
    private static readonly PositionWeightMatrix Own = PositionWeightMatrix.FromConsensus("OWN", "own", "GATTAC", 0.01);
    private static readonly PositionWeightMatrix Other = PositionWeightMatrix.FromConsensus("OTHER", "other", "CCCGGG", 0.01);
    private readonly string _dir = CliHarness.TempDir();

    public KnowledgeCommandTests()
    {
        // Filter 3 of the first layer is 0.1·ln(PWM) on its first 6 rows and 0 (uniform after decoding) elsewhere.
        var spec = BuiltinModels.BionasSmall(50);
        using var model = ModelBuilder.Build(spec, seed: 4);
        var state = model.StateDict().ToList();
        var weight = state.Single(e => e.Key == "layers.0.weight");
        int kernel = weight.Shape[2];
        for (int c = 0; c < 4; c++)
        {
            for (int i = 0; i < kernel; i++)
            {
                weight.Data[(((3 * 4) + c) * kernel) + i] = i < Own.Width ? (float)(0.1 * Math.Log(Own[i, c])) : 0f;
            }
        }

        model.LoadStateDict(state);
        ModelDirectory.Save(ModelDir, spec, model);
        MemeWriter.Write(Path.Combine(_dir, "own.meme"), [Own]);
        MemeWriter.Write(Path.Combine(_dir, "both.meme"), [Own, Other]);
    }

    private string ModelDir => Path.Combine(_dir, "model");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Knowledge_FilterSetToTheMotif_GivesKNearZeroAndNamesTheFilter()
    {
        var result = CliHarness.Run("knowledge", "--model", ModelDir, "--motifs", Path.Combine(_dir, "own.meme"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.True(doc.RootElement.GetProperty("k").GetDouble() < 1e-3);
        var match = doc.RootElement.GetProperty("matches")[0];
        Assert.Equal("OWN", match.GetProperty("motif").GetString());
        Assert.Equal(3, match.GetProperty("filter").GetInt32());
        Assert.Equal(0, match.GetProperty("offset").GetInt32());
        Assert.Equal("+", match.GetProperty("strand").GetString());
    }

    [Fact]
    public void Knowledge_UnrelatedMotif_RaisesK()
    {
        var result = CliHarness.Run("knowledge", "--model", ModelDir, "--motifs", Path.Combine(_dir, "both.meme"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var matches = doc.RootElement.GetProperty("matches");
        Assert.True(matches[1].GetProperty("d").GetDouble() > 0.5);
        Assert.True(doc.RootElement.GetProperty("k").GetDouble() > 0.25);
    }

    [Fact]
    public void Knowledge_MissingMotifFile_IsExit2()
    {
        Assert.Equal(2, CliHarness.Run("knowledge", "--model", ModelDir, "--motifs", Path.Combine(_dir, "none.meme")).ExitCode);
    }
}
