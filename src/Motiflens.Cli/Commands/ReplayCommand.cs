using System.CommandLine;
using System.Globalization;
using Motiflens.IO;
using Motiflens.Search.Benchmark;
using Motiflens.Search.Controllers;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens replay</c>: the BioNAS bootstrap benchmark. Searches are answered from recorded histories (one
/// replicate drawn at random per child); for each λ it reports the gold standard, how often the controller
/// converges to it, and the mean loss and K ranks of the converged architectures.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var history = new Option<string[]>("--history")
        {
            Description = "Recorded histories: Motiflens JSON Lines (.jsonl) or BioNAS train_history.csv (.csv)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var space = new Option<string>("--space") { Description = "The model space YAML the histories were recorded in", Required = true };
        var lambdas = new Option<string>("--lambda")
        {
            Description = "Comma-separated λ values",
            DefaultValueFactory = _ => "0.001,0.01,0.1,1,10,100,1000",
        };
        var runs = new Option<int>("--runs") { Description = "Independent searches per λ", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var episodes = new Option<int>("--episodes") { Description = "Controller episodes per search", DefaultValueFactory = _ => 600 }.AtLeast(1);
        var children = new Option<int>("--children-per-episode") { Description = "Children per episode", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var controller = SearchCommand.ControllerOption();
        var preset = SearchCommand.PresetOption();
        var controllerLr = new Option<double?>("--controller-lr") { Description = "Controller Adam learning rate (0.0005 here: a long, slow search, so that noisy rewards average out)", DefaultValueFactory = _ => 0.0005 };
        var entropyWeight = new Option<double?>("--entropy-weight") { Description = "Weight of the controller's entropy bonus (default: the preset's, 0.001)" };
        var advantage = new Option<string?>("--advantage")
        {
            Description = "Advantage scaling: reward ((R − b)/|R|, BioNAS; default of --preset bionas) or std ((R − b)/buffer standard deviation; default of amber)",
        };
        var rewardEstimate = SearchCommand.RewardEstimateOption();
        var elites = SearchCommand.ElitesOption();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var command = new Command("replay", "Replay benchmark: how often the controller finds the gold-standard architecture, per λ")
        {
            history, space, lambdas, runs, episodes, children, controller, preset, controllerLr, entropyWeight, advantage, rewardEstimate, elites, seed, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int nThreads = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            var lambdaValues = ParseLambdas(parseResult.GetValue(lambdas)!);
            int nRuns = parseResult.GetValue(runs);
            int nEpisodes = parseResult.GetValue(episodes);
            int nChildren = parseResult.GetValue(children);
            var (controllerOptions, update) = SearchCommand.Controller(parseResult.GetValue(preset)!, parseResult.GetValue(controller)!);
            var estimate = SearchCommand.ParseRewardEstimate(parseResult.GetValue(rewardEstimate)!);
            int nElites = SearchCommand.ParseElites(parseResult.GetValue(elites));
            controllerOptions = Override(controllerOptions, parseResult.GetValue(controllerLr), parseResult.GetValue(entropyWeight), parseResult.GetValue(advantage));
            var modelSpace = ModelSpaceReader.Load(parseResult.GetValue(space)!);
            var records = LoadRecords(parseResult.GetValue(history)!, modelSpace);
            var options = new ReplayBenchmarkOptions
            {
                Runs = nRuns,
                Episodes = nEpisodes,
                ChildrenPerEpisode = nChildren,
                Controller = controllerOptions,
                Update = update,
                Seed = parseResult.GetValue(seed),
                Threads = nThreads,
                RewardEstimate = estimate,
                Elites = nElites,
            };
            var results = Output.WithProgress("replay", progress => ReplayBenchmark.Run(modelSpace, records, lambdaValues, options,
                new SyncReporter<(int Done, int Total)>(p => progress.Report(new ProgressInfo(p.Done, p.Total, $"{p.Done}/{p.Total} runs"))), ct));
            foreach (var r in results)
            {
                Output.Info($"λ={r.Lambda.ToString("G", CultureInfo.InvariantCulture),-8} converged {r.ConvergedFraction,6:P1}  loss rank {r.MeanLossRank,7:F1}  K rank {r.MeanKRank,7:F1}  gold: {string.Join(" | ", r.GoldStandard)}{(r.GoldStandardSupport is { } support ? $" (bootstrap support {support:P0})" : "")}");
                foreach (var c in r.TopConverged)
                {
                    Output.Info($"    {c.Fraction,6:P0} of runs converged to {string.Join(" | ", c.Layers)} (median L {c.MedianLoss:F4}, median K {c.MedianK:F4})");
                }
            }

            if (parseResult.GetValue(json))
            {
                Output.Json(new ReplayResult(results));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Applies the controller settings given on the command line over the preset's.</summary>
    internal static ControllerOptions Override(ControllerOptions options, double? learningRate, double? entropyWeight, string? advantage)
    {
        if (learningRate is { } lr)
        {
            options = double.IsFinite(lr) && lr > 0 ? options with { LearningRate = lr } : throw new InputException($"--controller-lr must be positive; got {lr}");
        }

        if (entropyWeight is { } beta)
        {
            options = double.IsFinite(beta) && beta >= 0 ? options with { EntropyWeight = beta } : throw new InputException($"--entropy-weight must be non-negative; got {beta}");
        }

        return advantage?.ToLowerInvariant() switch
        {
            null => options,
            "reward" => options with { AdvantageScaling = AdvantageScaling.RewardMagnitude },
            "std" => options with { AdvantageScaling = AdvantageScaling.BufferStandardDeviation },
            _ => throw new InputException($"--advantage: expected reward or std, found '{advantage}'"),
        };
    }

    internal static double[] ParseLambdas(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new InputException($"--lambda: expected comma-separated numbers, found '{text}'");
        }

        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
            ? v
            : throw new InputException($"--lambda: expected non-negative numbers, found '{p}'")).ToArray();
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    /// <summary>The records of every history (JSON Lines or BioNAS CSV), renumbered, checked to belong to the space and to hold a success.</summary>
    internal static IReadOnlyList<ChildRecord> LoadRecords(IReadOnlyList<string> paths, ModelSpace modelSpace)
    {
        var records = new List<ChildRecord>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new InputException(path, 0, "history file not found");
            }

            var read = SearchHistory.ReadAny(path, modelSpace);
            foreach (var w in read.Warnings)
            {
                Output.Info("warning: " + w);
            }

            foreach (var r in read.Records)
            {
                if (!modelSpace.IsInSpace(new Architecture(r.Tokens)))
                {
                    throw new InputException(path, $"trial {r.Trial}", $"architecture {string.Join('-', r.Tokens)} does not belong to space '{modelSpace.Name}'");
                }

                // Trial ids of several files may clash; the benchmark needs only the measurements.
                records.Add(r with { Trial = records.Count });
            }
        }

        if (!records.Any(r => r.IsOk))
        {
            throw new InputException(string.Join(", ", paths), 0, "the histories hold no successful children to replay");
        }

        return records;
    }

    internal sealed class SyncReporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>The --json result: one benchmark per λ.</summary>
    internal sealed record ReplayResult(IReadOnlyList<LambdaBenchmark> Lambdas);
}
