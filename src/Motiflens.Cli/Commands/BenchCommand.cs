using System.CommandLine;
using System.Globalization;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens bench</c>: training / inference / saliency throughput of the reference architectures, one JSON
/// line per measurement with the fields of ../shared/bench/torch_bench.py (docs/PERFORMANCE.md).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "bionas-small | deep | all", DefaultValueFactory = _ => "all" };
        model.AcceptOnlyFromAmong([.. BuiltinModels.Names, "all"]);
        var measure = new Option<string>("--measure") { Description = "train | infer | saliency | all", DefaultValueFactory = _ => "all" };
        measure.AcceptOnlyFromAmong([.. ThroughputBenchmark.Measures, "all"]);
        var seconds = new Option<double>("--seconds") { Description = "Timed seconds per measurement", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Override the batch (default: train 128, infer 512, saliency 256)", DefaultValueFactory = _ => 0 };
        var warmup = new Option<double>("--warmup") { Description = "Warm-up seconds before timing (at least 5 steps)", DefaultValueFactory = _ => 1 };
        var input = new Option<string>("--input") { Description = "codes (byte codes, how Motiflens trains) | onehot (float (N, L, 4) tensors, as PyTorch)", DefaultValueFactory = _ => "codes" };
        input.AcceptOnlyFromAmong("codes", "onehot");
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var command = new Command("bench", "Measure engine throughput (sequences/s) on the reference models, comparable to torch_bench.py")
        {
            model, measure, seconds, warmup, batch, input, seed, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int threadCount = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            double s = parseResult.GetValue(seconds);
            if (!(s > 0) || !double.IsFinite(s))
            {
                throw new InputException($"--seconds must be a positive number; got {s.ToString(CultureInfo.InvariantCulture)}");
            }

            int b = parseResult.GetValue(batch);
            if (b < 0)
            {
                throw new InputException($"--batch must be 0 (default) or positive; got {b}");
            }

            var models = parseResult.GetValue(model) == "all" ? BuiltinModels.Names : [parseResult.GetValue(model)!];
            var measures = parseResult.GetValue(measure) == "all" ? ThroughputBenchmark.Measures : [parseResult.GetValue(measure)!];
            bool oneHot = parseResult.GetValue(input) == "onehot";
            foreach (var m in models)
            {
                foreach (var ms in measures)
                {
                    var r = ThroughputBenchmark.Run(m, ms, threadCount, s, b, parseResult.GetValue(seed), oneHot, Math.Max(0, parseResult.GetValue(warmup)), cancellationToken: ct);
                    if (parseResult.GetValue(json))
                    {
                        Output.Json(new Dictionary<string, object>
                        {
                            ["model"] = r.Model,
                            ["measure"] = r.Measure,
                            ["batch"] = r.Batch,
                            ["threads"] = r.Threads,
                            ["seqs_per_s"] = r.SeqsPerS,
                            ["steps"] = r.Steps,
                            ["seconds"] = r.Seconds,
                            ["step_ms_median"] = r.StepMsMedian,
                            ["flops_per_seq"] = r.FlopsPerSeq,
                            ["gflops"] = r.Gflops,
                            ["input"] = r.Input,
                            ["engine"] = "motiflens",
                        });
                    }
                    else
                    {
                        Output.Line(string.Create(CultureInfo.InvariantCulture,
                            $"{r.Model,-13} {r.Measure,-9} batch={r.Batch,4} threads={r.Threads} {r.SeqsPerS,10:F1} seq/s  step {r.StepMsMedian:F2} ms  {r.Gflops:F2} GFLOP/s  ({r.Input})"));
                    }
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
