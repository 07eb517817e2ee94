using System.Text.Json;

namespace Motiflens.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_PrintsOneJsonLinePerMeasurementWithTheReferenceFields()
    {
        var r = CliHarness.Run("bench", "--model", "bionas-small", "--measure", "all", "--seconds", "0.01", "--warmup", "0", "--batch", "8", "--threads", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var measures = new List<string>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            Assert.Equal("bionas-small", e.GetProperty("model").GetString());
            Assert.Equal(8, e.GetProperty("batch").GetInt32());
            Assert.Equal(1, e.GetProperty("threads").GetInt32());
            Assert.True(e.GetProperty("seqs_per_s").GetDouble() > 0);
            Assert.True(e.GetProperty("steps").GetInt32() >= 10);
            measures.Add(e.GetProperty("measure").GetString()!);
        }

        Assert.Equal(["train", "infer", "saliency"], measures);
    }

    [Fact]
    public void Bench_BadSecondsExitsWithTwo()
    {
        var r = CliHarness.Run("bench", "--seconds", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--seconds must be a positive number", r.Stderr);
    }

    [Fact]
    public void Bench_WithReference_AddsTheTorchRateAndRatio()
    {
        var dir = CliHarness.TempDir();
        try
        {
            var reference = Path.Combine(dir, "torch.jsonl");
            File.WriteAllText(reference, "torch_bench.py 2.5\n{\"model\": \"bionas-small\", \"measure\": \"infer\", \"threads\": 1, \"seqs_per_s\": 40.0}\n");
            var r = CliHarness.Run("bench", "--model", "bionas-small", "--measure", "infer", "--seconds", "0.01", "--warmup", "0", "--batch", "8", "--threads", "1", "--json", "--reference", reference);
            Assert.True(r.ExitCode == 0, r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            var e = doc.RootElement;
            Assert.Equal(40.0, e.GetProperty("torch_seqs_per_s").GetDouble());
            Assert.Equal(Math.Round(e.GetProperty("seqs_per_s").GetDouble() / 40.0, 2), e.GetProperty("ratio").GetDouble());

            File.WriteAllText(reference, "{\"model\": \"deep\"}\n");
            var bad = CliHarness.Run("bench", "--model", "bionas-small", "--measure", "infer", "--seconds", "0.01", "--reference", reference);
            Assert.Equal(2, bad.ExitCode);
            Assert.StartsWith($"error: {reference}:1: expected a torch_bench.py JSON line", bad.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Bench_WithoutReference_WritesNoTorchFields()
    {
        var r = CliHarness.Run("bench", "--model", "bionas-small", "--measure", "infer", "--seconds", "0.01", "--warmup", "0", "--batch", "8", "--threads", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.False(doc.RootElement.TryGetProperty("ratio", out _));
        Assert.Equal("motiflens", doc.RootElement.GetProperty("engine").GetString());
    }

    [Fact]
    public void Bench_WithPeak_ReportsTheShareOfTheMeasuredPeak()
    {
        var r = CliHarness.Run("bench", "--model", "bionas-small", "--measure", "infer", "--seconds", "0.01", "--warmup", "0", "--batch", "8", "--threads", "1", "--json", "--peak");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var e = doc.RootElement;
        double peak = e.GetProperty("peak_gflops").GetDouble();
        Assert.True(peak > 0);
        Assert.Equal(Math.Round(100 * e.GetProperty("gflops").GetDouble() / peak, 1), e.GetProperty("percent_of_peak").GetDouble(), 6);
        Assert.False(JsonDocument.Parse(CliHarness.Run("bench", "--model", "bionas-small", "--measure", "infer", "--seconds", "0.01", "--warmup", "0", "--batch", "8",
            "--threads", "1", "--json").Stdout).RootElement.TryGetProperty("peak_gflops", out _));
    }
}
