namespace Motiflens.Search.Cluster;

/// <summary>How a <see cref="ClusterTask"/> ended.</summary>
/// <param name="Task">The task.</param>
/// <param name="Succeeded">Its result file exists (it may have been there before the run: then <paramref name="Attempts"/> is 0).</param>
/// <param name="Attempts">Job-array tasks this run submitted or adopted for it.</param>
/// <param name="FailureReason">Why the last attempt failed (Slurm state, exit code, job id, last lines of the log); null when it succeeded.</param>
/// <param name="JobId">The Slurm id (<c>1234_5</c>) of the last attempt, null when none ran.</param>
public sealed record ClusterTaskOutcome(ClusterTask Task, bool Succeeded, int Attempts, string? FailureReason, string? JobId);
