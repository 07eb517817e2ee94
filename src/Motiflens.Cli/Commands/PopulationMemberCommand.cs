using System.CommandLine;
using System.Globalization;
using Motiflens.Search.Population;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens population-member --task DIR/models/ID/task.json</c> (hidden): runs one population member in its
/// directory and writes result.json there — what an external executor (Slurm array job) runs per task. Exit 0 when
/// result.json was written, also for a member recorded as "failed" (e.g. diverged training).
/// </summary>
public static class PopulationMemberCommand
{
    /// <summary>
    /// The motiflens arguments that run the member whose task.json is <paramref name="taskPath"/> with
    /// <paramref name="threads"/> engine threads (for executors; its result appears as result.json next to the task).
    /// </summary>
    public static IReadOnlyList<string> Arguments(string taskPath, int threads) => PopulationSlurmRunner.Arguments(taskPath, threads);

    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "task.json of one member (written by motiflens population)", Required = true };
        var threads = new Option<int>("--threads") { Description = "Engine threads for this member (results depend on it)", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var command = new Command(PopulationSlurmRunner.WorkerCommand, "Run one population member from its task.json (used by executors)")
        {
            task, threads, json,
        };
        command.Hidden = true;
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int n = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            string path = Path.GetFullPath(parseResult.GetValue(task)!);
            var member = PopulationFiles.ReadTask(path);
            var row = PopulationMemberRunner.Run(member, Path.GetDirectoryName(path)!, n, cancellationToken: ct);
            Output.Info(row.Ok
                ? string.Create(CultureInfo.InvariantCulture, $"{row.Id}: AUROC {row.TestAuroc:F4}, SNR {row.Snr:F3}, KLD_ms {row.KldMultiscale:F4}, {row.Epochs} epochs in {row.TrainSeconds:F1} s")
                : $"{row.Id}: failed ({row.Reason})");
            if (parseResult.GetValue(json))
            {
                Output.Json(row.ToJson());
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
