using System.CommandLine;
using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;
using Motiflens.Search.Population;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens population</c>: trains every member of a grid (batchnorm × first-layer activation × regularisation ×
/// seeds), computes saliency on positive test sequences, scores every reliability metric and writes
/// population.tsv/json (docs/population.md), on this machine or as a Slurm job array (--executor slurm, docs/slurm.md).
/// Resumable after kill -9.
/// </summary>
public static class PopulationCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset .npz with train/valid/test splits and pwm_test ground truth (e.g. simulate --preset code)", Required = true };
        var grid = new Option<string>("--grid") { Description = "paper (112 models), small (8 models, a few minutes) or a grid file (YAML/JSON, docs/population.md)", Required = true };
        var output = new Option<string>("--out") { Description = "Population directory (models/<id>/, population.tsv, population.json)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue --out: members with a result.json are not trained again" };
        var jobs = new Option<int?>("--jobs") { Description = "Local executor: models trained at once, each with --threads / --jobs engine threads (default: --threads, one thread per model)" };
        var seeds = new Option<int?>("--seeds") { Description = "Models per grid point (overrides the grid; paper default 4)" };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs per model (overrides the grid; paper default 15)" };
        var seed = CommonOptions.Seed();
        seed.Description = "Base seed: member seeds are seed, seed+1, ... per grid point";
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var executor = new ExecutorOptions(allowReplay: false, "members", "--jobs");
        var command = new Command("population", "Train, attribute and score a population of models (BN × activation × regularisation × seeds)")
        {
            data, grid, output, resume, jobs, seeds, epochs, seed, threads, json,
        };
        executor.AddTo(command);
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int totalThreads = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            bool onSlurm = executor.IsSlurm(parseResult);
            var slurm = executor.Slurm(parseResult);
            if (onSlurm && parseResult.GetValue(jobs) is not null)
            {
                throw new InputException("--jobs is for --executor local; with --executor slurm every member is its own job with --slurm-cpus threads");
            }

            int jobCount = onSlurm ? 1 : parseResult.GetValue(jobs) ?? totalThreads;
            if (jobCount < 1 || jobCount > totalThreads)
            {
                throw new InputException($"--jobs must be between 1 and --threads ({totalThreads}); got {jobCount}");
            }

            var populationGrid = ResolveGrid(parseResult.GetValue(grid)!);
            if (parseResult.GetValue(seeds) is { } s)
            {
                populationGrid = populationGrid with { Seeds = s >= 1 ? s : throw new InputException($"--seeds must be at least 1; got {s}") };
            }

            if (parseResult.GetValue(epochs) is { } e)
            {
                populationGrid = populationGrid with { Training = populationGrid.Training with { Epochs = e >= 1 ? e : throw new InputException($"--epochs must be at least 1; got {e}") } };
            }

            string dataPath = parseResult.GetValue(data)!;
            string dir = Path.GetFullPath(parseResult.GetValue(output)!);
            var dataset = SequenceDataset.Load(dataPath);
            var options = new PopulationRunOptions
            {
                Jobs = jobCount,
                ThreadsPerModel = onSlurm ? slurm.Cpus : totalThreads / jobCount,
                Resume = parseResult.GetValue(resume),
                Seed = parseResult.GetValue(seed),
            };
            var tasks = PopulationRunner.Plan(dir, populationGrid, dataPath, dataset, options);
            Output.Info($"population '{populationGrid.Name}': {tasks.Count} models on {dataPath} ({dataset.Get("train").Count} training sequences), " +
                (onSlurm ? $"as Slurm jobs of {slurm.Cpus} CPU(s) each" : $"{options.Jobs} at a time with {options.ThreadsPerModel} thread(s) each") + $", into {dir}");

            int finished = tasks.Count(t => File.Exists(Path.Combine(PopulationFiles.MemberDirectory(dir, t.Member.Id), PopulationFiles.ResultFile)));
            if (finished > 0)
            {
                Output.Info($"continuing: {finished} of {tasks.Count} models already finished");
            }

            var table = onSlurm
                ? Output.WithProgress("population", progress => PopulationSlurmRunner.Run(dir, populationGrid.Name, tasks,
                    slurm with { JobName = "motiflens-" + Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar)) },
                    new Reporter(progress, "queued"), new ReplayCommand.SyncReporter<string>(m => Output.Info("slurm: " + m)), cancellationToken: ct))
                : Output.WithProgress("population", progress => PopulationRunner.Run(dir, populationGrid.Name, tasks, dataset, options,
                    new Reporter(progress, "running"), ct));

            int ok = table.Models.Count(m => m.Ok);
            Output.Info($"{table.Models.Count} of {tasks.Count} models finished ({ok} ok, {table.Models.Count - ok} failed); " +
                $"{Path.Combine(dir, PopulationFiles.JsonFile)}, {Path.Combine(dir, PopulationFiles.TableFile)}");
            foreach (var line in PairLines(table.Pairs))
            {
                Output.Info(line);
            }

            if (parseResult.GetValue(json))
            {
                Output.Json(new PopulationResult(
                    dir,
                    populationGrid.Name,
                    tasks.Count,
                    ok,
                    table.Models.Count - ok,
                    Path.Combine(dir, PopulationFiles.JsonFile),
                    Path.Combine(dir, PopulationFiles.TableFile),
                    table.Pairs.Count));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>paper, small, or a grid file.</summary>
    internal static PopulationGrid ResolveGrid(string grid) => grid switch
    {
        "paper" when !File.Exists(grid) => PopulationGrid.Paper,
        "small" when !File.Exists(grid) => PopulationGrid.Small,
        _ when File.Exists(grid) => PopulationGridReader.Load(grid),
        _ => throw new InputException(grid, 0, "no such grid file, and not a built-in grid (paper, small)"),
    };

    /// <summary>Human lines for the matched-performance pairs.</summary>
    internal static IEnumerable<string> PairLines(IReadOnlyList<MatchedPair> pairs)
    {
        if (pairs.Count == 0)
        {
            yield return $"matched-performance pairs: none (no two ok models within {MatchedPairs.DefaultTolerance} test AUROC)";
            yield break;
        }

        yield return $"matched-performance pairs (|ΔAUROC| < {MatchedPairs.DefaultTolerance}, largest |ΔKLD_ms| first):";
        foreach (var p in pairs)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {p.A,-36} AUROC {p.AurocA:F4}  KLD_ms {p.KldMultiscaleA:F4}  SNR {F(p.SnrA)}  vs  {p.B,-36} AUROC {p.AurocB:F4}  KLD_ms {p.KldMultiscaleB:F4}  SNR {F(p.SnrB)}");
        }
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F3", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Population progress on the CLI's bar: members done, failures, running, last finished.</summary>
    private sealed class Reporter(IProgress<ProgressInfo> bar, string running) : IProgress<PopulationProgress>
    {
        public void Report(PopulationProgress p)
        {
            string last = p.Last is { } r
                ? r.Ok
                    ? string.Create(CultureInfo.InvariantCulture, $"; {r.Id}: AUROC {r.TestAuroc:F4}, SNR {F(r.Snr)}, KLD_ms {F(r.KldMultiscale)}, {r.TrainSeconds:F0} s")
                    : $"; {r.Id}: failed ({r.Reason})"
                : string.Empty;
            bar.Report(new ProgressInfo(p.Done, p.Total, $"{p.Done}/{p.Total} models, {p.Failed} failed, {p.Running} {running}{last}"));
        }
    }
}
