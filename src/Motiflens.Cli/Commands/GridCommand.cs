using System.CommandLine;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;
using Motiflens.Search;
using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens grid</c>: trains every architecture of a space --replicates times and records them in a history
/// (the input of <c>motiflens replay</c> and of the gold standard), locally or as Slurm job arrays (--executor).
/// Re-running with the same --out, or --resume DIR, continues with the same settings: trials already recorded are skipped.
/// </summary>
public static class GridCommand
{
    public static Command Create()
    {
        var space = new Option<string?>("--space") { Description = "Model space YAML; required unless --resume DIR restores it" };
        var data = new Option<string?>("--data") { Description = "Dataset .npz with x_train, y_train, x_valid, y_valid; required unless --resume DIR restores it" };
        var knowledge = SearchCommand.KnowledgeOption();
        var motifNames = SearchCommand.MotifNamesOption();
        var replicates = new Option<int>("--replicates") { Description = "Trainings per architecture (different seeds)", DefaultValueFactory = _ => 3 }.AtLeast(1);
        var lambda = new Option<double>("--lambda") { Description = "λ used for the reward recorded with each child (replay recomputes rewards per λ)", DefaultValueFactory = _ => 1.0 };
        var outDir = new Option<string?>("--out") { Description = "Output folder (history.jsonl, children/); running again with the same folder continues" };
        var resume = SearchCommand.ResumeOption("grid");
        var training = new SearchCommand.ChildTrainingOptions();
        var executor = new ExecutorOptions(allowReplay: false);
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var command = new Command("grid", "Train every architecture of a model space R times (a history for replay and the gold standard)")
        {
            space, data, knowledge, motifNames, replicates, lambda, outDir, resume, seed, threads, json,
        };
        training.AddTo(command);
        executor.AddTo(command);
        command.SetAction(given => CommandRunner.Run(ct =>
        {
            var (run, resuming, parseResult) = SearchCommand.OpenRun(command, given, resume, outDir);
            int nThreads = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            int nReplicates = parseResult.GetValue(replicates);
            double lambdaValue = SearchCommand.NonNegative(parseResult.GetValue(lambda), "--lambda");
            int seedValue = parseResult.GetValue(seed);
            _ = executor.IsSlurm(parseResult);
            _ = executor.Slurm(parseResult);
            var spacePath = SearchCommand.Required(parseResult.GetValue(space), "--space");
            var dataPath = SearchCommand.Required(parseResult.GetValue(data), "--data");
            var modelSpace = ModelSpaceReader.Load(spacePath);
            if (modelSpace.Size * nReplicates > 1_000_000)
            {
                throw new InputException(spacePath, 0,
                    $"the space has {modelSpace.Size:N0} architectures; a grid of {nReplicates} replicates each is too large (limit 1,000,000 children)");
            }

            var trainingOptions = training.Read(parseResult);
            var motifs = SearchCommand.LoadKnowledge(parseResult.GetValue(knowledge), parseResult.GetValue(motifNames));
            var dataset = SequenceDataset.Load(dataPath);
            var evaluation = new EvaluationSettings
            {
                SpacePath = spacePath,
                DataPath = dataPath,
                KnowledgePath = parseResult.GetValue(knowledge),
                MotifNames = parseResult.GetValue(motifNames) ?? [],
                Options = new LocalEvaluatorOptions
                {
                    Training = trainingOptions,
                    Parallel = training.Parallel(parseResult),
                    Restarts = training.Restarts(parseResult),
                    LearnedMargin = training.RestartMargin(parseResult),
                    Threads = nThreads,
                },
            }.WithAbsolutePaths();
            var trainer = new ChildTrainer(modelSpace, dataset, motifs, evaluation.Options);
            if (resuming && !run.HasHistory)
            {
                throw new InputException(run.HistoryPath, 0, "no grid to resume here (the history is missing or empty); run without --resume first");
            }

            // Trial ids and seeds follow from the space, the replicates and the seed: a grid continues only with the same ones.
            var settings = new Dictionary<string, object>
            {
                ["space"] = modelSpace.Name,
                ["option_counts"] = string.Join('x', modelSpace.OptionCounts),
                ["replicates"] = nReplicates,
                ["lambda"] = lambdaValue,
                ["seed"] = seedValue,
            };
            if (run.HasHistory && File.Exists(run.SettingsPath))
            {
                run.Prepare(settings, resuming: true);
            }
            else
            {
                Directory.CreateDirectory(run.Path);
                run.SaveSettings(settings);
            }

            if (!run.HasHistory || run.LoadCommand() is null)
            {
                run.SaveCommand(SavedArguments.Explicit(parseResult, [resume, outDir, json], [space, data, knowledge]));
            }

            evaluation.Save(run.EvaluationPath);
            var historyPath = run.HistoryPath;
            using var writer = SearchHistoryWriter.Open(historyPath);
            foreach (var w in writer.Warnings)
            {
                Output.Info("warning: " + w);
            }

            var done = writer.Existing.Select(r => r.Trial).ToHashSet();
            var reward = new KnowledgeReward(lambdaValue);
            var tasks = new List<ChildTask>();
            long total = modelSpace.Size * nReplicates;
            foreach (var arch in modelSpace.Enumerate())
            {
                long index = modelSpace.IndexOf(arch);
                for (int r = 0; r < nReplicates; r++)
                {
                    int trial = checked((int)(index * nReplicates + r));
                    if (done.Contains(trial))
                    {
                        continue;
                    }

                    var task = new ChildTask(trial, -1, arch.Tokens.ToArray(), modelSpace.LayerStrings(arch), Seeds.Derive(seedValue, trial), r);
                    if (modelSpace.InvalidReason(arch) is { } reason)
                    {
                        writer.Append(ChildOutcome.Failed(task, "invalid architecture: " + reason).ToRecord(reward, lambdaValue, 0));
                    }
                    else
                    {
                        tasks.Add(task);
                    }
                }
            }

            if (done.Count > 0)
            {
                Output.Info($"continuing: {done.Count} of {total} children already recorded");
            }

            var evaluator = executor.Create(parseResult, run, trainer, evaluation.Options.Parallel, nThreads);
            int finished = 0;
            Output.WithProgress("grid", progress =>
            {
                evaluator.Evaluate(tasks, outcome =>
                {
                    writer.Append(outcome.ToRecord(reward, lambdaValue, 0));
                    finished++;
                    progress.Report(new ProgressInfo(finished, tasks.Count, $"{finished}/{tasks.Count} children"));
                }, ct);
                return 0;
            });

            var records = SearchHistory.Read(historyPath).Records;
            int failed = records.Count(r => !r.IsOk);
            Output.Info($"{records.Count} children recorded ({failed} failed) in {historyPath}");
            if (parseResult.GetValue(json))
            {
                Output.Json(new GridResult(historyPath, modelSpace.Size, nReplicates, records.Count, failed));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The --json result: the history written and what it holds.</summary>
    internal sealed record GridResult(string History, long Architectures, int Replicates, int Children, int Failed);
}
