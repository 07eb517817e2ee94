using System.CommandLine;
using System.Globalization;
using Motiflens.Search.Evaluation;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens search-child</c> (hidden): the worker a cluster job runs for one child of a search or grid. Reads the
/// run's evaluation.json and the child's child.json, trains and scores the child exactly as <c>--executor local</c>
/// would, and writes result.json (atomically) into the child's directory.
/// </summary>
public static class SearchChildCommand
{
    public static Command Create()
    {
        var settings = new Option<string>("--settings") { Description = "The run's evaluation.json", Required = true };
        var child = new Option<string>("--child") { Description = "The child's directory (holds child.json; receives result.json)", Required = true };
        var threads = CommonOptions.Threads();
        var command = new Command(SlurmEvaluator.WorkerCommand, "Evaluate one child of a search or grid (run by cluster jobs)")
        {
            settings, child, threads,
        };
        command.Hidden = true;
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int nThreads = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            var dir = parseResult.GetValue(child)!;
            var task = ChildFiles.ReadTask(dir);
            var trainer = EvaluationSettings.Load(parseResult.GetValue(settings)!).CreateTrainer();
            Output.Info($"child {task.Trial} (episode {task.Episode}, replicate {task.Replicate}, seed {task.Seed}): {string.Join(" | ", task.Layers)}");
            var outcome = trainer.Evaluate(task, dir, nThreads, ct);
            Output.Info(outcome.Measurement is { } m
                ? string.Create(CultureInfo.InvariantCulture, $"done in {outcome.WallSeconds:F1} s: L={m.Loss:F4} K={m.Knowledge:F4}")
                : $"failed: {outcome.FailureReason}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
