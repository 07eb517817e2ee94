namespace Motiflens.Search.Cluster;

/// <summary>What squeue says about one array task: its state (PENDING, RUNNING, COMPLETED, FAILED, ...) and reason.</summary>
public sealed record SlurmTaskState(string State, string Reason)
{
    private static readonly HashSet<string> Active = new(StringComparer.Ordinal)
    {
        "PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING",
        "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD",
    };

    /// <summary>Whether the task may still run or is running (any state but a final one).</summary>
    public bool IsActive => Active.Contains(State);
}
