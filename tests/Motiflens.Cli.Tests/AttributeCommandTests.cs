using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Interpretation.Attribution;
using Motiflens.IO;

namespace Motiflens.Cli.Tests;

public sealed class AttributeCommandTests : IDisposable
{
    private const int N = 5, L = 30;
    private readonly string _dir = CliHarness.TempDir();
    private readonly byte[] _codes;

    public AttributeCommandTests()
    {
        var random = new Random(2);
        _codes = Enumerable.Range(0, N * L).Select(_ => (byte)random.Next(4)).ToArray();
        var x = new byte[N * L * 4];
        for (int i = 0; i < _codes.Length; i++)
        {
            x[(i * 4) + _codes[i]] = 1;
        }

        var y = Enumerable.Range(0, N).Select(i => (float)(i % 2)).ToArray();
        NpzArchive.Write(DataPath, new Dictionary<string, NpyArray>
        {
            ["x_train"] = NpyArray.FromBytes(x, N, L, 4),
            ["y_train"] = NpyArray.FromFloats(y, N, 1),
            ["x_test"] = NpyArray.FromBytes(x, N, L, 4),
            ["y_test"] = NpyArray.FromFloats(y, N, 1),
        }, compress: false);
        var spec = BuiltinModels.BionasSmall(L);
        using var model = ModelBuilder.Build(spec, seed: 3);
        ModelDirectory.Save(ModelDir, spec, model);
    }

    private string DataPath => Path.Combine(_dir, "data.npz");

    private string ModelDir => Path.Combine(_dir, "model");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("saliency")]
    [InlineData("ism")]
    public void Attribute_WritesTheMapsTheLibraryComputes(string method)
    {
        string output = Path.Combine(_dir, "a.npy");
        var result = CliHarness.Run("attribute", "--model", ModelDir, "--data", DataPath, "--method", method, "--out", output, "--json");
        Assert.Equal(0, result.ExitCode);
        var written = Npy.Read(output);
        Assert.Equal(new[] { N, L, 4 }, written.Shape);
        using var loaded = ModelDirectory.Load(ModelDir);
        IAttributionMethod expectedMethod = method == "ism" ? new SaturationMutagenesis() : new Saliency();
        var expected = AttributionRunner.Run(loaded.Model, _codes, L, expectedMethod);
        Assert.Equal(expected, written.Get<float>());
        Assert.Contains("\"n_sequences\":5", result.Stdout);
    }

    [Fact]
    public void Attribute_IgWithShuffledBaselineAndCorrection_IsScorable()
    {
        string output = Path.Combine(_dir, "ig.npy");
        var result = CliHarness.Run("attribute", "--model", ModelDir, "--data", DataPath, "--method", "ig", "--steps", "8", "--baseline", "shuffle",
            "--correct", "--out", output);
        Assert.Equal(0, result.ExitCode);
        var maps = Npy.Read(output).Get<float>();
        Assert.Equal(0, maps[0] + maps[1] + maps[2] + maps[3], 5);
        Assert.Equal(0, CliHarness.Run("score", "--data", DataPath, "--attributions", output, "--json").ExitCode);
    }

    [Fact]
    public void Attribute_TaskOutOfRange_IsExit2AndWritesNothing()
    {
        string output = Path.Combine(_dir, "none.npy");
        var result = CliHarness.Run("attribute", "--model", ModelDir, "--data", DataPath, "--task", "3", "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--task", result.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Attribute_SequenceLengthDifferentFromTheModel_IsExit2()
    {
        var spec = BuiltinModels.BionasSmall(40);
        using (var model = ModelBuilder.Build(spec, seed: 1))
        {
            ModelDirectory.Save(Path.Combine(_dir, "m40"), spec, model);
        }

        var result = CliHarness.Run("attribute", "--model", Path.Combine(_dir, "m40"), "--data", DataPath, "--out", Path.Combine(_dir, "x.npy"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("length 30", result.Stderr);
    }
}
