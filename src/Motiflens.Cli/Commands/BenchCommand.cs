using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens bench</c>: training / inference / saliency throughput of the reference architectures, one JSON
/// line per measurement with the fields of ../shared/bench/torch_bench.py (docs/PERFORMANCE.md). The bench
/// harness (bench/Motiflens.Bench) runs this command for its model suite.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "bionas-small | deep | all", DefaultValueFactory = _ => "all" };
        model.AcceptOnlyFromAmong([.. BuiltinModels.Names, "all"]);
        var measure = new Option<string>("--measure") { Description = "train | infer | saliency | all", DefaultValueFactory = _ => "all" };
        measure.AcceptOnlyFromAmong([.. ThroughputBenchmark.Measures, "all"]);
        var seconds = new Option<double>("--seconds") { Description = "Timed seconds per measurement", DefaultValueFactory = _ => 10 }.Positive();
        var batch = new Option<int>("--batch") { Description = "Override the batch (default: train 128, infer 512, saliency 256)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var warmup = new Option<double>("--warmup") { Description = "Warm-up seconds before timing (at least 5 steps)", DefaultValueFactory = _ => 1 };
        var input = new Option<string>("--input") { Description = "codes (byte codes, how Motiflens trains) | onehot (float (N, L, 4) tensors, as PyTorch)", DefaultValueFactory = _ => "codes" };
        input.AcceptOnlyFromAmong("codes", "onehot");
        var reference = new Option<string?>("--reference") { Description = "JSON lines printed by torch_bench.py --json; each measurement then shows its speed ratio to PyTorch" };
        var peak = new Option<bool>("--peak") { Description = "First measure this machine's FP32 peak at --threads (fused multiply-adds on registers, 1 s) and report each measurement's share of it" };
        var layers = new Option<bool>("--layers") { Description = "Instead of throughput, print where the time goes: microseconds per sequence in each layer's forward and backward (training on --threads threads; inference and saliency per inference thread)" };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var command = new Command("bench", "Measure engine throughput (sequences/s) on the reference models, comparable to torch_bench.py")
        {
            model, measure, seconds, warmup, batch, input, reference, peak, layers, seed, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int threadCount = parseResult.GetValue(threads);
            var torch = parseResult.GetValue(reference) is { } path ? ReadReference(path) : [];
            var models = parseResult.GetValue(model) == "all" ? BuiltinModels.Names : [parseResult.GetValue(model)!];
            var measures = parseResult.GetValue(measure) == "all" ? ThroughputBenchmark.Measures : [parseResult.GetValue(measure)!];
            bool oneHot = parseResult.GetValue(input) == "onehot";
            double? peakGflops = parseResult.GetValue(peak) ? Math.Round(PeakFlops.Measure(threadCount), 1) : null;
            if (peakGflops is { } p && !parseResult.GetValue(json))
            {
                Output.Line(string.Create(CultureInfo.InvariantCulture, $"FP32 peak ({PeakFlops.Isa} FMA, {threadCount} thread(s)): {p:F1} GFLOP/s"));
            }

            if (parseResult.GetValue(layers))
            {
                foreach (var m in models)
                {
                    foreach (var ms in measures)
                    {
                        ct.ThrowIfCancellationRequested();
                        PrintProfile(m, ms, threadCount, LayerProfile.Run(m, ms, threadCount, parseResult.GetValue(seconds), parseResult.GetValue(batch), parseResult.GetValue(seed)),
                            parseResult.GetValue(json));
                    }
                }

                return ExitCodes.Success;
            }

            foreach (var m in models)
            {
                foreach (var ms in measures)
                {
                    var r = ThroughputBenchmark.Run(m, ms, threadCount, parseResult.GetValue(seconds), parseResult.GetValue(batch), parseResult.GetValue(seed), oneHot,
                        Math.Max(0, parseResult.GetValue(warmup)), cancellationToken: ct);
                    double? torchRate = torch.TryGetValue(new ReferenceKey(r.Model, r.Measure, r.Threads), out double t) && t > 0 ? t : null;
                    double? percent = peakGflops is { } pk && pk > 0 ? Math.Round(100 * r.Gflops / pk, 1) : null;
                    if (parseResult.GetValue(json))
                    {
                        Output.Json(new BenchMeasurement(r.Model, r.Measure, r.Batch, r.Threads, r.SeqsPerS, r.Steps, r.Seconds, r.StepMsMedian,
                            r.FlopsPerSeq, r.Gflops, r.Input, "motiflens", torchRate, torchRate is { } rate ? Math.Round(r.SeqsPerS / rate, 2) : null,
                            peakGflops, percent));
                    }
                    else
                    {
                        var ratio = torchRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"  {r.SeqsPerS / rate:F2}x PyTorch ({rate:F0} seq/s)") : string.Empty;
                        var share = percent is { } pc ? string.Create(CultureInfo.InvariantCulture, $" ({pc:F1}% of peak)") : string.Empty;
                        Output.Line(string.Create(CultureInfo.InvariantCulture,
                            $"{r.Model,-13} {r.Measure,-9} batch={r.Batch,4} threads={r.Threads} {r.SeqsPerS,10:F1} seq/s  step {r.StepMsMedian:F2} ms  {r.Gflops:F2} GFLOP/s{share}  ({r.Input}){ratio}"));
                    }
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void PrintProfile(string model, string measure, int threads, IReadOnlyList<LayerTiming> timings, bool json)
    {
        double total = timings.Sum(t => t.ForwardMicroseconds + t.BackwardMicroseconds);
        int profileThreads = measure == "train" ? threads : 1;
        if (!json)
        {
            Output.Line(string.Create(CultureInfo.InvariantCulture,
                $"{model} {measure} ({profileThreads} thread(s)): {total:F2} µs per sequence in the layers ({(total > 0 ? 1e6 / total : 0):F0} seq/s per thread)"));
        }

        foreach (var t in timings)
        {
            double share = total > 0 ? Math.Round(100 * (t.ForwardMicroseconds + t.BackwardMicroseconds) / total, 1) : 0;
            if (json)
            {
                Output.Json(new LayerProfileLine(model, measure, profileThreads, t.Index, t.Layer, t.ForwardMicroseconds, t.BackwardMicroseconds, share));
            }
            else
            {
                Output.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  {t.Index,3}  {t.Layer,-58} forward {t.ForwardMicroseconds,8:F2} µs  backward {t.BackwardMicroseconds,8:F2} µs  {share,5:F1} %"));
            }
        }
    }

    /// <summary>seqs_per_s by (model, measure, threads) from torch_bench.py --json output; other lines are skipped.</summary>
    internal static Dictionary<ReferenceKey, double> ReadReference(string path)
    {
        var result = new Dictionary<ReferenceKey, double>();
        var lines = InputFiles.ReadAllLines(path, "the PyTorch reference");
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith('{'))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(lines[i]);
                var e = doc.RootElement;
                result[new ReferenceKey(e.GetProperty("model").GetString()!, e.GetProperty("measure").GetString()!, e.GetProperty("threads").GetInt32())] =
                    e.GetProperty("seqs_per_s").GetDouble();
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InputException(path, i + 1, $"expected a torch_bench.py JSON line with model, measure, threads and seqs_per_s: {ex.Message}");
            }
        }

        return result;
    }

    /// <summary>The --layers --json line of one layer: microseconds per sequence and share of the layers' total.</summary>
    internal sealed record LayerProfileLine(string Model, string Measure, int Threads, int Index, string Layer, double ForwardUs, double BackwardUs, double Share);

    /// <summary>One measurement of a reference run.</summary>
    internal readonly record struct ReferenceKey(string Model, string Measure, int Threads);

    /// <summary>The --json line of one measurement (the fields of torch_bench.py, plus the PyTorch ratio with --reference).</summary>
    internal sealed record BenchMeasurement(
        string Model, string Measure, int Batch, int Threads, double SeqsPerS, int Steps, double Seconds, double StepMsMedian,
        long FlopsPerSeq, double Gflops, string Input, string Engine,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TorchSeqsPerS,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Ratio,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? PeakGflops,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? PercentOfPeak);
}
