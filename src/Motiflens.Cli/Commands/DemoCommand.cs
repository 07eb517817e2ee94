using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Motiflens.Genomics.Motifs;
using Motiflens.Genomics.Simulation;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens demo</c>: the typical session of DESIGN.md, small and on built-in data: simulate, train,
/// evaluate, attribute, score, compare filters with known motifs, then a short BioNAS architecture search on the
/// MYC task. Each step runs the very command a user would type (printed before it runs), so the demo exercises
/// and teaches the real CLI.
/// </summary>
public static class DemoCommand
{
    /// <summary>The motifs planted by the <c>code</c> preset: the knowledge the learned filters are compared with.</summary>
    private static readonly string[] CoreMotifs = ["SP1", "GABPA", "CEBPB", "MAX", "YY1"];

    /// <summary>
    /// The model of examples/models/cnn-deep-exp.json (after Koo &amp; Ploenzke 2021's CNN-deep with an exponential
    /// first layer, which tends to give clean attribution maps): BatchNorm after each layer, pooling, a dense head.
    /// </summary>
    private const string DemoSpec = """
        {
          "input": {"length": 200, "alphabet": "ACGT"},
          "layers": [
            {"type": "conv1d", "filters": 32, "kernel_size": 19, "padding": "same"},
            {"type": "batchnorm"},
            {"type": "exponential"},
            {"type": "maxpool1d", "pool_size": 4},
            {"type": "dropout", "rate": 0.1},
            {"type": "conv1d", "filters": 48, "kernel_size": 7, "padding": "same"},
            {"type": "batchnorm"},
            {"type": "relu"},
            {"type": "maxpool1d", "pool_size": 4},
            {"type": "dropout", "rate": 0.2},
            {"type": "flatten"},
            {"type": "dense", "units": 96},
            {"type": "batchnorm"},
            {"type": "relu"},
            {"type": "dropout", "rate": 0.5},
            {"type": "dense", "units": 1, "activation": "sigmoid"}
          ],
          "loss": "bce"
        }
        """;

    public static Command Create()
    {
        var outOption = new Option<string>("--out")
        {
            Description = "Folder for everything the demo writes (replaced if it holds an earlier demo)",
            DefaultValueFactory = _ => "demo-out",
        };
        var nOption = new Option<int>("--n")
        {
            Description = "Number of simulated sequences (the 'code' task, 200 nt)",
            DefaultValueFactory = _ => 10000,
        };
        var epochsOption = new Option<int>("--epochs")
        {
            Description = "Training epochs (early stopping may end sooner)",
            DefaultValueFactory = _ => 25,
        };
        var seedOption = CommonOptions.Seed();
        var threadsOption = CommonOptions.Threads();
        var command = new Command("demo", "Run a small end-to-end session on built-in data: simulate, train, evaluate, attribute, score, compare filters with known motifs")
        {
            outOption, nOption, epochsOption, seedOption, threadsOption,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct => Run(
            parseResult.GetValue(outOption)!,
            parseResult.GetValue(nOption),
            parseResult.GetValue(epochsOption),
            parseResult.GetValue(seedOption),
            CommonOptions.CheckThreads(parseResult.GetValue(threadsOption)),
            ct)));
        return command;
    }

    private static int Run(string outDir, int n, int epochs, int seed, int threads, CancellationToken ct)
    {
        if (n < 500)
        {
            throw new InputException($"--n must be at least 500 so every split has positives; got {n}");
        }

        if (epochs < 1)
        {
            throw new InputException($"--epochs must be at least 1; got {epochs}");
        }

        PrepareFolder(outDir);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        string P(string name) => Path.Combine(outDir, name);
        var data = P("code.npz");
        var spec = P("demo-model.json");
        var model = P("model");
        var saliency = P("saliency.npy");
        var motifs = P("core-motifs.meme");
        var filters = P("filters.meme");
        var myc = P("myc.npz");
        var mycMotif = P("myc.meme");
        var space = P("bionas-216.yaml");
        var search = P("search");

        AtomicFile.WriteAllText(spec, DemoSpec);
        MemeWriter.Write(motifs, CoreMotifs.Select(BuiltinMotifs.Get));
        MemeWriter.Write(mycMotif, [BuiltinMotifs.Get("MYC")]);
        WriteResource("bionas-216.yaml", space);
        Output.Info($"demo: wrote the model spec {spec}, the planted motifs {motifs} and {mycMotif}, and the model space {space}");

        string[][] steps =
        [
            ["simulate", "--preset", "code", "--n", I(n), "--seed", I(seed), "--out", data],
            ["train", "--data", data, "--model", spec, "--out", model, "--epochs", I(epochs), "--patience", "5",
                "--seed", I(seed), "--threads", I(threads)],
            ["evaluate", "--model", model, "--data", data, "--split", "test", "--threads", I(threads)],
            ["attribute", "--model", model, "--data", data, "--split", "test", "--method", "saliency",
                "--threads", I(threads), "--out", saliency],
            ["score", "--data", data, "--attributions", saliency, "--split", "test", "--positives-only"],
            ["knowledge", "--model", model, "--motifs", motifs],
            ["decode", "--model", model, "--out", filters],
            ["simulate", "--preset", "single", "--n", I(Math.Max(500, n / 2)), "--seed", I(seed), "--out", myc],
            ["search", "--space", space, "--data", myc, "--knowledge", mycMotif, "--lambda", "1", "--episodes", "4",
                "--children-per-episode", "4", "--epochs", I(Math.Min(epochs, 10)), "--seed", I(seed),
                "--threads", I(threads), "--out", search],
        ];

        var total = Stopwatch.StartNew();
        for (int i = 0; i < steps.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            Output.Info(string.Empty);
            Output.Info($"== step {i + 1}/{steps.Length}: motiflens {string.Join(' ', steps[i].Select(Quote))}");
            var sw = Stopwatch.StartNew();
            int code = Program.BuildRoot().Parse(steps[i]).Invoke();
            if (code != ExitCodes.Success)
            {
                Output.Info($"demo: step {i + 1} ({steps[i][0]}) failed with exit code {code}");
                return code;
            }

            Output.Info($"   ({sw.Elapsed.TotalSeconds:F1} s)");
        }

        Output.Info(string.Empty);
        Output.Info($"demo: done in {total.Elapsed.TotalSeconds:F0} s. Outputs in {outDir}:");
        Output.Info($"  {data}  simulated dataset with ground truth (x_*, y_*, pwm_*, embeddings_*)");
        Output.Info($"  {model}/  trained model (model.json, weights.npz, training.tsv, metrics.json)");
        Output.Info($"  {saliency}  saliency maps of the test split (N, L, 4)");
        Output.Info($"  {filters}  first-layer filters as MEME motifs (compare with {motifs}, e.g. with Tomtom)");
        Output.Info($"  {search}/  a short BioNAS search on the MYC task (history.jsonl, controller state, best models); longer: --episodes");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Creates the output folder, or clears one that an earlier demo wrote (recognised by its dataset);
    /// refuses to touch any other non-empty folder.
    /// </summary>
    private static void PrepareFolder(string outDir)
    {
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            if (!File.Exists(Path.Combine(outDir, "demo-model.json")))
            {
                throw new InputException(outDir, 0, "folder exists and is not an earlier demo's output; choose another --out");
            }

            Directory.Delete(outDir, recursive: true);
        }

        Directory.CreateDirectory(outDir);
    }

    private static void WriteResource(string name, string path)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        AtomicFile.Write(path, stream.CopyTo);
    }

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
