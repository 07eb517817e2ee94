using System.Text.Json;
using Motiflens.Genomics.Datasets;

namespace Motiflens.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = CliHarness.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Simulate_WritesDatasetAndJsonSummary()
    {
        var outPath = Path.Combine(_dir, "code.npz");
        var r = CliHarness.Run("simulate", "--preset", "code", "--n", "100", "--seed", "4", "--out", outPath, "--json");
        Assert.Equal(0, r.ExitCode);
        var ds = SequenceDataset.Load(outPath);
        Assert.Equal(70, ds.Get("train").Count);
        Assert.NotNull(ds.Get("test").Pwm);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal("code", doc.RootElement.GetProperty("preset").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("splits").GetArrayLength());
        Assert.Equal(200, doc.RootElement.GetProperty("length").GetInt32());
        Assert.Contains("train", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_UsesMotifsFromAFileByName()
    {
        var meme = Path.Combine(_dir, "m.meme");
        File.WriteAllText(meme, "MEME version 4\n\nMOTIF M1 Arnt::Hif1a\nletter-probability matrix: alength= 4 w= 3\n1 0 0 0\n0 1 0 0\n0 0 1 0\n");
        var outPath = Path.Combine(_dir, "s.npz");
        var r = CliHarness.Run("simulate", "--n", "10", "--length", "20", "--motifs", meme, "--motif-names", "M1", "--out", outPath);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { "Arnt__Hif1a" }, SequenceDataset.Load(outPath).MotifNames);
    }

    [Fact]
    public void Simulate_MotifsTooLongForLengthIsExit2AndWritesNothing()
    {
        var outPath = Path.Combine(_dir, "x.npz");
        var r = CliHarness.Run("simulate", "--preset", "code", "--n", "10", "--length", "30", "--out", outPath);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Simulate_UnknownMotifNameIsExit2()
    {
        var outPath = Path.Combine(_dir, "y.npz");
        var r = CliHarness.Run("simulate", "--motif-names", "NOPE", "--n", "10", "--out", outPath);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("NOPE", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }
}
