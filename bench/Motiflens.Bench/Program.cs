using System.Globalization;
using System.Text.Json;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Bench;

/// <summary>
/// Throughput harness: the reference models and measures of ../shared/bench/torch_bench.py on the Motiflens engine.
/// <code>
/// dotnet run -c Release --project bench/Motiflens.Bench -- [--model bionas-small|deep|all] [--measure train|infer|saliency|all]
///     [--threads 2] [--seconds 10] [--batch 0] [--input codes|onehot] [--reference torch.jsonl] [--json]
/// </code>
/// With <c>--reference</c> (the JSON lines torch_bench.py printed) each line also shows the speed ratio to PyTorch.
/// <c>--suite data</c> measures the data path instead (FASTA parsing, k-mer counting, KLD metrics; see <see cref="DataBenchmarks"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--model"] = "all", ["--measure"] = "all", ["--threads"] = "2", ["--seconds"] = "10", ["--batch"] = "0", ["--input"] = "codes",
        };
        bool json = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--json")
            {
                json = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"unexpected argument '{args[i]}'");
                return 2;
            }
        }

        if (options.TryGetValue("--suite", out var suite) && suite == "data")
        {
            DataBenchmarks.Run(json);
            return 0;
        }

        var models = options["--model"] == "all" ? BuiltinModels.Names : [options["--model"]];
        var measures = options["--measure"] == "all" ? ThroughputBenchmark.Measures : [options["--measure"]];
        int threads = int.Parse(options["--threads"], CultureInfo.InvariantCulture);
        double seconds = double.Parse(options["--seconds"], CultureInfo.InvariantCulture);
        int batch = int.Parse(options["--batch"], CultureInfo.InvariantCulture);
        bool oneHot = options["--input"] == "onehot";
        var reference = options.TryGetValue("--reference", out var path) ? ReadReference(path) : [];

        foreach (var model in models)
        {
            foreach (var measure in measures)
            {
                var r = ThroughputBenchmark.Run(model, measure, threads, seconds, batch, oneHotInput: oneHot);
                reference.TryGetValue((model, measure, r.Threads), out var torch);
                if (json)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["model"] = r.Model, ["measure"] = r.Measure, ["batch"] = r.Batch, ["threads"] = r.Threads,
                        ["seqs_per_s"] = r.SeqsPerS, ["steps"] = r.Steps, ["seconds"] = r.Seconds, ["step_ms_median"] = r.StepMsMedian,
                        ["flops_per_seq"] = r.FlopsPerSeq, ["gflops"] = r.Gflops, ["input"] = r.Input,
                        ["torch_seqs_per_s"] = torch > 0 ? torch : null, ["ratio"] = torch > 0 ? Math.Round(r.SeqsPerS / torch, 2) : null,
                    }));
                }
                else
                {
                    var ratio = torch > 0 ? $"  {r.SeqsPerS / torch:F2}x PyTorch ({torch:F0} seq/s)" : string.Empty;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Model,-13} {r.Measure,-9} batch={r.Batch,4} threads={r.Threads} {r.SeqsPerS,10:F1} seq/s  step {r.StepMsMedian:F2} ms  {r.Gflops:F2} GFLOP/s{ratio}"));
                }
            }
        }

        return 0;
    }

    /// <summary>seqs_per_s by (model, measure, threads) from torch_bench.py --json output.</summary>
    private static Dictionary<(string, string, int), double> ReadReference(string path)
    {
        var result = new Dictionary<(string, string, int), double>();
        foreach (var line in File.ReadLines(path))
        {
            if (!line.TrimStart().StartsWith('{'))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            result[(e.GetProperty("model").GetString()!, e.GetProperty("measure").GetString()!, e.GetProperty("threads").GetInt32())] =
                e.GetProperty("seqs_per_s").GetDouble();
        }

        return result;
    }
}
