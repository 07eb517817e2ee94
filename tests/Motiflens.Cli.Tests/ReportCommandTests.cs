using System.Text.Json;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;

namespace Motiflens.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = CliHarness.TempDir();

    public ReportCommandTests()
    {
        var spec = BuiltinModels.BionasSmall(50);
        using var model = ModelBuilder.Build(spec, seed: 2);
        ModelDirectory.Save(ModelDir, spec, model);
        File.WriteAllText(Path.Combine(ModelDir, ModelDirectory.HistoryFile), HistoryTsv.Header + "\n1\t0.01\t0.7\t0.69\t0.5\t0.5\t0.5\t\t\t0.1\n2\t0.01\t0.6\t0.62\t0.7\t0.7\t0.6\t\t\t0.1\n");
        Directory.CreateDirectory(PopulationDir);
        File.WriteAllText(Path.Combine(PopulationDir, "population.json"), """
            {"data": "d.npz", "grid": "tiny", "models": [
              {"id": "a", "activation": "relu", "status": "ok", "snr": 1, "kld_original": 0.5, "kld_multiscale": 0.1, "test_auroc": 0.8, "kld_weighted": {"6": 0.2}},
              {"id": "b", "activation": "relu", "status": "ok", "snr": 2, "kld_original": 0.4, "kld_multiscale": 0.2, "test_auroc": 0.9, "kld_weighted": {"6": 0.3}},
              {"id": "c", "activation": "exponential", "status": "ok", "snr": 3, "kld_original": 0.6, "kld_multiscale": 0.3, "test_auroc": 0.85, "kld_weighted": {"6": 0.4}},
              {"id": "d", "activation": "relu", "status": "failed", "reason": "nan loss"}],
             "matched_pairs": []}
            """);
    }

    private string ModelDir => Path.Combine(_dir, "model");

    private string PopulationDir => Path.Combine(_dir, "pop");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Report_WritesOneHtmlFileAndDescribesItInJson()
    {
        var output = Path.Combine(_dir, "out", "model.html");
        var result = CliHarness.Run("report", "--input", ModelDir, "--out", output, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("model", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(10, json.RootElement.GetProperty("charts").GetProperty("logo").GetInt32()); // bionas-small: 10 filters
        Assert.Equal(2, json.RootElement.GetProperty("charts").GetProperty("line").GetInt32());
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("wrote " + output, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OfAFolderOfNoKnownKindIsBadInputAndWritesNothing()
    {
        var output = Path.Combine(_dir, "bad.html");
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var result = CliHarness.Run("report", "--input", empty, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a model directory", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Quiet_DropsInformationalText()
    {
        var output = Path.Combine(_dir, "quiet.html");
        var result = CliHarness.Run("report", "--input", ModelDir, "--out", output, "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void PlotScatter_WritesAnSvgWithOnePointPerSuccessfulModel()
    {
        var output = Path.Combine(_dir, "scatter.svg");
        var result = CliHarness.Run("plot", "scatter", "--population", PopulationDir, "--x", "snr", "--y", "kld_weighted.6", "--out", output);
        Assert.Equal(0, result.ExitCode);
        var svg = File.ReadAllText(output);
        Assert.Equal(3, svg.Split("class=\"point\"").Length - 1);
        Assert.Contains("Spearman ρ = 1.000 (n = 3)", svg, StringComparison.Ordinal);
        Assert.Contains("<title>c: snr = 3, kld_weighted.6 = 0.4</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotFilters_WritesAPng()
    {
        var output = Path.Combine(_dir, "filters.png");
        var result = CliHarness.Run("plot", "filters", "--model", ModelDir, "--out", output, "--scale", "1", "--json");
        Assert.Equal(0, result.ExitCode);
        var bytes = File.ReadAllBytes(output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("png", json.RootElement.GetProperty("format").GetString());
        // PNG width (big-endian at byte 16) = the SVG width at scale 1, rounded up.
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        Assert.Equal((int)Math.Ceiling(json.RootElement.GetProperty("width").GetDouble()), width);
    }

    [Fact]
    public void Plot_RejectsAnUnknownExtensionBeforeDrawing()
    {
        var result = CliHarness.Run("plot", "scatter", "--population", PopulationDir, "--out", Path.Combine(_dir, "x.pdf"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out must end in .svg or .png", result.Stderr, StringComparison.Ordinal);
        var missing = CliHarness.Run("plot", "scatter", "--population", PopulationDir, "--y", "nope", "--out", Path.Combine(_dir, "x.svg"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope", missing.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.svg")));
    }
}
