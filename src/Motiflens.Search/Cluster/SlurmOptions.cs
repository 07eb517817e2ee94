namespace Motiflens.Search.Cluster;

/// <summary>How <see cref="JobArrayRunner"/> submits and watches job arrays.</summary>
public sealed record SlurmOptions
{
    /// <summary>CPUs per task (<c>--cpus-per-task</c>); a task should use this many threads.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>Memory per task as sbatch takes it (<c>--mem</c>, e.g. "4G"); null: the partition's default.</summary>
    public string? Memory { get; init; }

    /// <summary>Time limit per task as sbatch takes it (<c>--time</c>, e.g. "02:00:00"); null: the partition's default.</summary>
    public string? Time { get; init; }

    /// <summary><c>--partition</c>; null: the cluster's default partition.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--account</c>; null: the user's default account.</summary>
    public string? Account { get; init; }

    /// <summary>Further sbatch arguments, passed as they are (e.g. "--qos=short", "--constraint=avx2").</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Job name shown by squeue.</summary>
    public string JobName { get; init; } = "motiflens";

    /// <summary>A failed task is submitted again up to this many times, then reported as failed.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Time between two looks at the queue.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a task may be gone from the queue, or finished without its result file, before that counts as a failed
    /// attempt (covers a shared filesystem that shows the file late, and jobs purged from squeue's memory).
    /// </summary>
    public TimeSpan ResultGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest array submitted at once (Slurm's MaxArraySize is 1001 by default).</summary>
    public int MaxArraySize { get; init; } = 1000;

    /// <summary>Lines of the task's log quoted in a failure reason.</summary>
    public int LogTailLines { get; init; } = 5;

    /// <summary>
    /// The command that runs motiflens on a compute node, before the task's arguments (e.g. ["/opt/motiflens/motiflens"] or
    /// ["dotnet", "/opt/motiflens/motiflens.dll"]); null: this very program (<see cref="MotiflensInvocation.Current"/>).
    /// </summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Checks the values (bad ones are <see cref="IO.InputException"/>s naming the option).</summary>
    public SlurmOptions Validated()
    {
        if (Cpus < 1)
        {
            throw new IO.InputException($"--slurm-cpus must be at least 1; got {Cpus}");
        }

        if (Retries < 0)
        {
            throw new IO.InputException($"--slurm-retries must be 0 or more; got {Retries}");
        }

        if (!(PollInterval > TimeSpan.Zero))
        {
            throw new IO.InputException($"--slurm-poll must be a positive number of seconds; got {PollInterval.TotalSeconds}");
        }

        if (Command is { Count: 0 })
        {
            throw new IO.InputException("--motiflens-command must not be empty");
        }

        return this;
    }
}
