using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Motiflens.Genomics.Motifs;
using Motiflens.Genomics.Simulation;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens demo</c>: the typical session of DESIGN.md, small and on built-in data: simulate the <c>code</c> task,
/// train and score a small population of models, calibrate the multi-scale KLD's length weights on it, attribute and
/// score one member with those weights, compare its filters with the planted motifs, run a short BioNAS search
/// (λ = 1) on the MYC task, and write HTML reports of the population, the search and the member. Each step runs the
/// very command a user would type (printed before it runs), so the demo exercises and teaches the real CLI.
/// </summary>
public static class DemoCommand
{
    /// <summary>The motifs planted by the <c>code</c> preset: the knowledge the learned filters are compared with.</summary>
    private static readonly string[] CoreMotifs = ["SP1", "GABPA", "CEBPB", "MAX", "YY1"];

    /// <summary>Written into the output folder so a later demo knows it may replace it.</summary>
    private const string Marker = ".motiflens-demo";

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
        var epochsOption = new Option<int?>("--epochs")
        {
            Description = "Maximum training epochs of each population member and search child (default: the small grid's 4, the search's 10)",
        };
        var minAurocOption = new Option<double>("--min-auroc")
        {
            Description = "Calibrate on the population members with at least this test AUROC",
            DefaultValueFactory = _ => 0.9,
        };
        var seedOption = CommonOptions.Seed();
        var threadsOption = CommonOptions.Threads();
        var command = new Command("demo", "Run a small end-to-end session on built-in data: simulate, a small model population, calibrate, attribute and score, compare filters with known motifs, a BioNAS search, HTML reports")
        {
            outOption, nOption, epochsOption, minAurocOption, seedOption, threadsOption,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct => Run(
            parseResult.GetValue(outOption)!,
            parseResult.GetValue(nOption),
            parseResult.GetValue(epochsOption),
            parseResult.GetValue(minAurocOption),
            parseResult.GetValue(seedOption),
            CommonOptions.CheckThreads(parseResult.GetValue(threadsOption)),
            ct)));
        return command;
    }

    private static int Run(string outDir, int n, int? epochs, double minAuroc, int seed, int threads, CancellationToken ct)
    {
        if (n < 500)
        {
            throw new InputException($"--n must be at least 500 so every split has positives; got {n}");
        }

        if (epochs is < 1)
        {
            throw new InputException($"--epochs must be at least 1; got {epochs}");
        }

        if (!(minAuroc is >= 0 and <= 1))
        {
            throw new InputException($"--min-auroc must be between 0 and 1; got {minAuroc}");
        }

        PrepareFolder(outDir);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        string P(string name) => Path.Combine(outDir, name);
        var data = P("code.npz");
        var population = P("population");
        var weights = P("length-weights.json");
        var member = $"bn-exponential-none-s{I(seed)}";
        var model = Path.Combine(population, "models", member, "model");
        var saliency = P("saliency.npy");
        var motifs = P("core-motifs.meme");
        var filters = P("filters.meme");
        var myc = P("myc.npz");
        var mycMotif = P("myc.meme");
        var space = P("bionas-216.yaml");
        var search = P("search");
        var populationReport = P("population-report.html");
        var searchReport = P("search-report.html");
        var modelReport = P("model-report.html");

        MemeWriter.Write(motifs, CoreMotifs.Select(BuiltinMotifs.Get));
        MemeWriter.Write(mycMotif, [BuiltinMotifs.Get("MYC")]);
        WriteResource("bionas-216.yaml", space);
        Output.Info($"demo: wrote the planted motifs {motifs} and {mycMotif}, and the model space {space}");

        string[] populationEpochs = epochs is { } e ? ["--epochs", I(e)] : [];
        string[][] steps =
        [
            ["simulate", "--preset", "code", "--n", I(n), "--seed", I(seed), "--out", data],
            ["population", "--data", data, "--grid", "small", "--out", population, "--seed", I(seed), "--threads", I(threads),
                .. populationEpochs],
            ["calibrate", "--population", population, "--out", weights, "--min-auroc", minAuroc.ToString(CultureInfo.InvariantCulture),
                "--subsets", "4", "--pairs", "3", "--seed", I(seed)],
            ["attribute", "--model", model, "--data", data, "--split", "test", "--method", "saliency",
                "--threads", I(threads), "--out", saliency],
            ["score", "--data", data, "--attributions", saliency, "--split", "test", "--positives-only", "--weights", weights],
            ["knowledge", "--model", model, "--motifs", motifs],
            ["decode", "--model", model, "--out", filters],
            ["simulate", "--preset", "single", "--n", I(Math.Max(500, n / 2)), "--seed", I(seed), "--out", myc],
            ["search", "--space", space, "--data", myc, "--knowledge", mycMotif, "--lambda", "1", "--episodes", "4",
                "--children-per-episode", "4", "--epochs", I(Math.Min(epochs ?? 10, 10)), "--seed", I(seed),
                "--threads", I(threads), "--out", search],
            ["report", "--input", population, "--out", populationReport, "--threads", I(threads)],
            ["report", "--input", search, "--out", searchReport, "--data", myc, "--threads", I(threads)],
            ["report", "--input", model, "--out", modelReport, "--data", data, "--knowledge", motifs, "--threads", I(threads)],
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
        Output.Info($"  {population}/  8 trained models with test AUROC, SNR and KLDs (population.tsv, population.json, models/<id>/)");
        Output.Info($"  {weights}  multi-scale KLD length weights calibrated on that population");
        Output.Info($"  {saliency}  saliency maps of {member} on the test split (N, L, 4)");
        Output.Info($"  {filters}  its first-layer filters as MEME motifs (compare with {motifs}, e.g. with Tomtom)");
        Output.Info($"  {search}/  a short BioNAS search on the MYC task (history.jsonl, controller state, best models); longer: --episodes");
        Output.Info($"  {searchReport}  the search report;  {modelReport}  the model report");
        Output.Info($"report: {populationReport}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Creates the output folder, or clears one that an earlier demo wrote (recognised by its dataset);
    /// refuses to touch any other non-empty folder.
    /// </summary>
    internal static void PrepareFolder(string outDir)
    {
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            if (!File.Exists(Path.Combine(outDir, Marker)) && !File.Exists(Path.Combine(outDir, "demo-model.json")))
            {
                throw new InputException(outDir, 0, "folder exists and is not an earlier demo's output; choose another --out");
            }

            Directory.Delete(outDir, recursive: true);
        }

        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, Marker), "written by motiflens demo; a later demo may replace this folder\n");
    }

    private static void WriteResource(string name, string path)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        AtomicFile.Write(path, stream.CopyTo);
    }

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
