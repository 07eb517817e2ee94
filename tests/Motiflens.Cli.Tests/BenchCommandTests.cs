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

    [Fact]
    public void Bench_Layers_PrintsEachLayersForwardAndBackwardTime()
    {
        var r = CliHarness.Run("bench", "--model", "deep", "--measure", "train", "--seconds", "0.05", "--batch", "8", "--threads", "2", "--json", "--layers");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        // One line per layer of the deep model, in order, all timed, shares summing to 100 %.
        Assert.Equal(18, lines.Length);
        Assert.Equal(Enumerable.Range(0, 18), lines.Select(e => e.GetProperty("index").GetInt32()));
        Assert.StartsWith("Conv1d(4→32", lines[0].GetProperty("layer").GetString());
        Assert.True(lines[0].GetProperty("forward_us").GetDouble() > 0);
        Assert.True(lines[4].GetProperty("backward_us").GetDouble() > 0);
        Assert.Equal(100, lines.Sum(e => e.GetProperty("share").GetDouble()), 0);
        Assert.All(lines, e => Assert.Equal(2, e.GetProperty("threads").GetInt32()));

        var infer = CliHarness.Run("bench", "--model", "bionas-small", "--measure", "infer", "--seconds", "0.05", "--threads", "2", "--layers");
        Assert.True(infer.ExitCode == 0, infer.Stderr);
        Assert.Contains("bionas-small infer (1 thread(s))", infer.Stdout);
        Assert.Contains("backward     0.00 µs", infer.Stdout);
    }
}
