using System.CommandLine;
using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;
using Motiflens.Search;
using Motiflens.Search.Controllers;
using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens search</c>: BioNAS architecture search. An LSTM controller samples children from a model space, each
/// child is trained (locally, as Slurm job arrays, or replayed from a recorded history) and scored with
/// R = −(L + λ·K) [+ μ·KLD_ms], and the controller learns from the rewards. The run folder (<see cref="RunDirectory"/>)
/// receives settings, history, controller state, children/ and best/; --resume [DIR] continues a killed search.
/// </summary>
public static class SearchCommand
{
    internal const string HistoryFile = RunDirectory.HistoryFile;

    /// <summary>Settings added after the first release, with the behaviour searches had before they were recorded.</summary>
    private static readonly Dictionary<string, string> SettingsBeforeTheyWereRecorded = new()
    {
        ["reward_estimate"] = "child",
        ["elites"] = "0",
    };

    public static Command Create()
    {
        var space = new Option<string?>("--space") { Description = "Model space YAML (examples/spaces/bionas-216.yaml); required unless --resume DIR restores it" };
        var data = new Option<string?>("--data") { Description = "Dataset .npz with x_train, y_train, x_valid, y_valid; required unless --resume DIR restores it or --executor replay" };
        var knowledge = KnowledgeOption();
        var motifNames = MotifNamesOption();
        var lambda = new Option<double>("--lambda") { Description = "Weight λ of the knowledge dissimilarity K in the reward", DefaultValueFactory = _ => 1.0 };
        var mu = new Option<double>("--mu") { Description = "Weight μ of the multi-scale KLD (knowledge-free reliability) in the reward", DefaultValueFactory = _ => 0.0 };
        var controller = ControllerOption();
        var preset = PresetOption();
        var episodes = new Option<int>("--episodes") { Description = "Controller episodes (updates) in total", DefaultValueFactory = _ => 30 }.AtLeast(1);
        var children = new Option<int>("--children-per-episode") { Description = "Children sampled per episode", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var top = new Option<int>("--top") { Description = "How many best models to copy into OUT/best", DefaultValueFactory = _ => 3 };
        var rewardEstimate = RewardEstimateOption();
        var elites = ElitesOption();
        var resume = ResumeOption("search");
        var outDir = new Option<string?>("--out") { Description = "Output folder (required unless --resume DIR names it)" };
        var training = new ChildTrainingOptions();
        var executor = new ExecutorOptions(allowReplay: true);
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var command = new Command("search", "Architecture search (BioNAS): find models that are predictive and consistent with known motifs")
        {
            space, data, knowledge, motifNames, lambda, mu, controller, preset, episodes, children, top, rewardEstimate, elites, resume, outDir, seed, threads, json,
        };
        training.AddTo(command);
        executor.AddTo(command);
        command.SetAction(given => CommandRunner.Run(ct =>
        {
            var (run, resuming, parseResult) = OpenRun(command, given, resume, outDir);
            int nThreads = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            int nEpisodes = parseResult.GetValue(episodes);
            int nChildren = parseResult.GetValue(children);
            int nTop = Math.Max(0, parseResult.GetValue(top));
            double lambdaValue = NonNegative(parseResult.GetValue(lambda), "--lambda");
            double muValue = parseResult.GetValue(mu);
            if (!double.IsFinite(muValue))
            {
                throw new InputException($"--mu must be a finite number; got {muValue}");
            }

            string presetName = parseResult.GetValue(preset)!;
            string rule = parseResult.GetValue(controller)!;
            var (controllerOptions, update) = Controller(presetName, rule);
            var estimate = ParseRewardEstimate(parseResult.GetValue(rewardEstimate)!);
            int nElites = ParseElites(parseResult.GetValue(elites));
            int seedValue = parseResult.GetValue(seed);
            _ = executor.IsSlurm(parseResult);
            _ = executor.Slurm(parseResult);
            bool replay = executor.IsReplay(parseResult);
            var spacePath = Required(parseResult.GetValue(space), "--space");
            var modelSpace = ModelSpaceReader.Load(spacePath);
            var trainingOptions = training.Read(parseResult);
            var motifs = LoadKnowledge(parseResult.GetValue(knowledge), parseResult.GetValue(motifNames));
            EvaluationSettings? evaluation = null;
            ChildTrainer? trainer = null;
            IChildEvaluator? replayEvaluator = null;
            if (replay)
            {
                replayEvaluator = executor.Replay(parseResult, modelSpace);
            }
            else
            {
                var dataPath = Required(parseResult.GetValue(data), "--data");
                var dataset = SequenceDataset.Load(dataPath);
                evaluation = new EvaluationSettings
                {
                    SpacePath = spacePath,
                    DataPath = dataPath,
                    KnowledgePath = parseResult.GetValue(knowledge),
                    MotifNames = parseResult.GetValue(motifNames) ?? [],
                    Options = new LocalEvaluatorOptions
                    {
                        Training = trainingOptions,
                        Parallel = Math.Max(1, training.Parallel(parseResult)),
                        Restarts = training.Restarts(parseResult),
                        LearnedMargin = training.RestartMargin(parseResult),
                        Threads = nThreads,
                        ComputeKld = muValue != 0,
                    },
                }.WithAbsolutePaths();
                trainer = new ChildTrainer(modelSpace, dataset, motifs, evaluation.Options);
            }

            var settings = new Dictionary<string, object>
            {
                ["space"] = modelSpace.Name,
                ["option_counts"] = string.Join('x', modelSpace.OptionCounts),
                ["lambda"] = lambdaValue,
                ["mu"] = muValue,
                ["controller"] = rule.ToLowerInvariant(),
                ["preset"] = presetName.ToLowerInvariant(),
                ["children_per_episode"] = nChildren,
                ["reward_estimate"] = estimate.ToString().ToLowerInvariant(),
                ["elites"] = nElites,
                ["seed"] = seedValue,
            };
            run.Prepare(settings, resuming, SettingsBeforeTheyWereRecorded);
            if (!resuming)
            {
                run.SaveCommand(SavedArguments.Explicit(parseResult, [resume, outDir, json], [space, data, knowledge]));
            }

            evaluation?.Save(run.EvaluationPath);
            using var writer = SearchHistoryWriter.Open(run.HistoryPath);
            foreach (var w in writer.Warnings)
            {
                Output.Info("warning: " + w);
            }

            var statePath = run.ControllerPath;
            var archController = resuming && File.Exists(statePath)
                ? ArchitectureController.Load(statePath, update())
                : new ArchitectureController(modelSpace.OptionCounts, controllerOptions, update(), seedValue);
            if (!archController.Policy.OptionCounts.SequenceEqual(modelSpace.OptionCounts))
            {
                throw new InputException(statePath, 0, "the saved controller was built for another model space");
            }

            if (resuming)
            {
                Output.Info($"resuming: {writer.Existing.Count} children recorded, {archController.Updates} of {nEpisodes} episodes done");
            }

            var evaluator = replayEvaluator ?? executor.Create(parseResult, run, trainer!, evaluation!.Options.Parallel, nThreads);
            var search = new ArchitectureSearch(modelSpace, archController, evaluator, new KnowledgeReward(lambdaValue, muValue),
                new SearchOptions { Episodes = nEpisodes, ChildrenPerEpisode = nChildren, Seed = seedValue, Lambda = lambdaValue, Mu = muValue, RewardEstimate = estimate, Elites = nElites, StateDirectory = run.Path },
                writer.Existing, writer.Append);

            var summary = Output.WithProgress("search", progress =>
            {
                var reporter = new ReplayCommand.SyncReporter<SearchProgress>(p =>
                {
                    progress.Report(new ProgressInfo(p.ChildrenDone, (double)nEpisodes * nChildren, $"episode {Math.Min(p.Episode + 1, nEpisodes)}/{nEpisodes}"));
                    if (p.LastChild is null)
                    {
                        ReportEpisode(modelSpace, p);
                    }
                });
                return search.Run(reporter, ct);
            });

            var best = summary.Best.Take(nTop).ToArray();
            run.CopyBestModels(best);
            Output.Info($"converged architecture: {modelSpace.Describe(summary.Converged)}");
            for (int i = 0; i < best.Length; i++)
            {
                Output.Info($"best {i + 1}: R={Fmt(best[i].Reward)} L={Fmt(best[i].Loss)} K={Fmt(best[i].Knowledge)}  {string.Join(" | ", best[i].Layers)}  (trial {best[i].Trial}, best/{i + 1})");
            }

            int rank = 0;
            foreach (var a in summary.BestArchitectures.Take(nTop))
            {
                Output.Info($"best architecture {++rank} by median: {Describe(modelSpace, a)}");
            }

            if (parseResult.GetValue(json))
            {
                Output.Json(new SearchResult(
                    run.HistoryPath,
                    summary.Records.Count,
                    summary.Records.Count(r => !r.IsOk),
                    modelSpace.LayerStrings(summary.Converged),
                    best.Select((r, i) => new SearchBestChildJson(i + 1, r.Trial, r.Reward, r.Loss, r.Knowledge, r.Kld, r.Layers, Path.Combine(run.BestPath, (i + 1).ToString(CultureInfo.InvariantCulture)))).ToArray(),
                    summary.BestArchitectures.Take(nTop).Select((a, i) => new SearchBestArchitectureJson(
                        i + 1, modelSpace.LayerStrings(a.Architecture), a.Architecture.Tokens, a.Evaluations, a.MedianLoss, a.MedianKnowledge, a.Reward)).ToArray()));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The --resume [DIR] option of search and grid.</summary>
    internal static Option<string?> ResumeOption(string what) => new("--resume")
    {
        Description = $"Continue the {what} in DIR (or in --out): its history, controller and random state are restored, no child is lost or evaluated twice; options not given again are those it was started with",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>
    /// The run folder named by --out or --resume DIR, whether this is a resume, and the parse result to read options from
    /// (with the options saved by the run filled in when --resume DIR is given).
    /// </summary>
    internal static (RunDirectory Run, bool Resuming, ParseResult ParseResult) OpenRun(Command command, ParseResult parseResult, Option<string?> resume, Option<string?> outDir)
    {
        bool resuming = parseResult.GetResult(resume) is not null;
        var resumeDir = parseResult.GetValue(resume);
        var outValue = parseResult.GetValue(outDir);
        if (resumeDir is not null && outValue is not null && Path.GetFullPath(resumeDir) != Path.GetFullPath(outValue))
        {
            throw new InputException($"--resume {resumeDir} and --out {outValue} name different folders; give one of them");
        }

        var dir = outValue ?? resumeDir ?? throw new InputException("--out is required (or --resume DIR to continue a run)");
        var run = new RunDirectory(dir);
        if (resumeDir is not null && run.LoadCommand() is { } saved)
        {
            parseResult = SavedArguments.Restore(command, parseResult, saved, run.CommandPath);
        }

        return (run, resuming, parseResult);
    }

    internal static string Required(string? value, string name) =>
        value ?? throw new InputException($"{name} is required (or --resume DIR of a run that recorded it)");

    /// <summary>The --controller option shared by search and replay.</summary>
    internal static Option<string> ControllerOption() => new("--controller")
    {
        Description = "Policy update rule: reinforce (moving-average baseline) or ppo (clip 0.2, several epochs, KL early stop)",
        DefaultValueFactory = _ => "reinforce",
    };

    /// <summary>The --preset option shared by search and replay.</summary>
    internal static Option<string> PresetOption() => new("--preset")
    {
        Description = "Controller network preset: bionas (50 LSTM units, embedding 8, buffer 5) or amber (32 units, buffer 15)",
        DefaultValueFactory = _ => "bionas",
    };

    /// <summary>The --reward-estimate option shared by search and replay.</summary>
    internal static Option<string> RewardEstimateOption() => new("--reward-estimate")
    {
        Description = "Reward the controller learns from: median (median L and K of every evaluation of the architecture so far) or child (the child's own, BioNAS)",
        DefaultValueFactory = _ => "median",
    };

    /// <summary>The --elites option shared by search and replay.</summary>
    internal static Option<int> ElitesOption() => new("--elites")
    {
        Description = "Architectures with the best median reward so far that join every controller update (0 = off, as BioNAS)",
        DefaultValueFactory = _ => 1,
    };

    internal static int ParseElites(int value) => value >= 0 ? value : throw new InputException($"--elites must be 0 or more; got {value}");

    internal static RewardEstimate ParseRewardEstimate(string value) => value.ToLowerInvariant() switch
    {
        "median" => RewardEstimate.Median,
        "child" => RewardEstimate.Child,
        _ => throw new InputException($"--reward-estimate: expected median or child, found '{value}'"),
    };

    internal static Option<string?> KnowledgeOption() => new("--knowledge")
    {
        Description = "Known motifs (MEME, JASPAR, HOMER, TRANSFAC, ENCODE or PFM file) for the knowledge dissimilarity K; without it K = 0",
    };

    internal static Option<string[]> MotifNamesOption() => new("--motif")
    {
        Description = "Use only these motifs (ids or names) of the --knowledge file",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The controller preset and update rule named by --preset and --controller.</summary>
    internal static (ControllerOptions Options, Func<IPolicyUpdate> Update) Controller(string preset, string rule)
    {
        var options = preset.ToLowerInvariant() switch
        {
            "bionas" => ControllerOptions.BioNas,
            "amber" => ControllerOptions.Amber,
            _ => throw new InputException($"--preset: expected bionas or amber, found '{preset}'"),
        };
        Func<IPolicyUpdate> update = rule.ToLowerInvariant() switch
        {
            "ppo" => () => new PpoUpdate(),
            "reinforce" => () => new ReinforceUpdate(),
            _ => throw new InputException($"--controller: expected ppo or reinforce, found '{rule}'"),
        };
        return (options, update);
    }

    internal static IReadOnlyList<KnowledgeMotif> LoadKnowledge(string? path, string[]? names) => KnowledgeFile.Load(path, names);

    internal static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new InputException($"{name} must be a non-negative number; got {value}");

    internal static string Fmt(double? v) => v is { } x ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static void ReportEpisode(ModelSpace space, SearchProgress p)
    {
        var probs = string.Join("  ", p.LayerProbabilities.Select((q, t) =>
            $"{space.Layers[t].Name}[{string.Join(' ', q.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))}]"));
        Output.Info($"episode {p.Episode}/{p.Episodes}: {p.ChildrenDone} children; choice probabilities {probs}");
        if (p.Best.Count > 0)
        {
            var b = p.Best[0];
            Output.Info($"  best so far: R={Fmt(b.Reward)} L={Fmt(b.Loss)} K={Fmt(b.Knowledge)}  {string.Join(" | ", b.Layers)}");
        }

        if (p.BestArchitectures.Count > 0)
        {
            var a = p.BestArchitectures[0];
            Output.Info($"  best architecture by median: {Describe(space, a)}");
        }
    }

    private static string Describe(ModelSpace space, ArchitectureEstimate a) =>
        $"R={Fmt(a.Reward)} L={Fmt(a.MedianLoss)} K={Fmt(a.MedianKnowledge)}  {space.Describe(a.Architecture)}  ({a.Evaluations} {(a.Evaluations == 1 ? "child" : "children")})";

    /// <summary>The options that set how each child is trained (shared by search and grid).</summary>
    internal sealed class ChildTrainingOptions
    {
        private readonly Option<int> _epochs = new Option<int>("--epochs") { Description = "Training epochs per child (early stopping may end sooner)", DefaultValueFactory = _ => 20 }.AtLeast(1);
        private readonly Option<int> _batch = new Option<int>("--batch-size") { Description = "Mini-batch size for children", DefaultValueFactory = _ => 128 }.AtLeast(1);
        private readonly Option<double> _lr = new("--lr") { Description = "Adam learning rate for children", DefaultValueFactory = _ => 0.01 };
        private readonly Option<int> _patience = new Option<int>("--patience") { Description = "Early-stopping patience (epochs)", DefaultValueFactory = _ => 5 }.AtLeast(1);
        private readonly Option<int> _parallel = new Option<int>("--parallel") { Description = "Children trained at the same time (threads are shared out)", DefaultValueFactory = _ => 1 }.AtLeast(1);

        private readonly Option<int> _restarts = new("--restarts")
        {
            Description = "Re-initialise a child (new derived seed) up to this many times while its validation loss is not --restart-margin below the constant predictor's",
            DefaultValueFactory = _ => 2,
        };

        private readonly Option<double> _restartMargin = new("--restart-margin")
        {
            Description = "Relative improvement over the constant predictor's validation loss that counts as having started to learn",
            DefaultValueFactory = _ => 0.01,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(_epochs);
            command.Options.Add(_batch);
            command.Options.Add(_lr);
            command.Options.Add(_patience);
            command.Options.Add(_parallel);
            command.Options.Add(_restarts);
            command.Options.Add(_restartMargin);
        }

        public double RestartMargin(ParseResult parseResult) => parseResult.GetValue(_restartMargin) is var m and >= 0 and < 1
            ? m
            : throw new InputException($"--restart-margin must be in [0, 1); got {parseResult.GetValue(_restartMargin).ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        public int Restarts(ParseResult parseResult) => parseResult.GetValue(_restarts) is var r and >= 0
            ? r
            : throw new InputException($"--restarts must be 0 or more; got {parseResult.GetValue(_restarts)}");

        public int Parallel(ParseResult parseResult) => parseResult.GetValue(_parallel);

        /// <summary>Reads the training settings, checking every option of this group (before any output exists).</summary>
        public TrainingOptions Read(ParseResult parseResult)
        {
            _ = Restarts(parseResult);
            _ = RestartMargin(parseResult);
            _ = Parallel(parseResult);
            double lr = parseResult.GetValue(_lr);
            if (!(lr > 0) || !double.IsFinite(lr))
            {
                throw new InputException($"--lr must be a positive number; got {lr}");
            }

            return new TrainingOptions
            {
                Epochs = parseResult.GetValue(_epochs),
                BatchSize = parseResult.GetValue(_batch),
                LearningRate = lr,
                Patience = parseResult.GetValue(_patience),
            };
        }
    }
}
