using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Evaluation;

/// <summary>
/// The BioNAS "bootstrap" benchmark evaluator: returns a recorded result for the architecture, one of its
/// replicates drawn at random (seeded by the task's seed). Architectures never recorded fail.
/// </summary>
public sealed class ReplayEvaluator : IChildEvaluator
{
    private readonly Dictionary<Architecture, ChildMeasurement[]> _recorded;

    /// <summary>Indexes the ok records of a history (failed records are skipped).</summary>
    public ReplayEvaluator(IEnumerable<ChildRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _recorded = records.Where(r => r.IsOk)
            .GroupBy(r => new Architecture(r.Tokens))
            .ToDictionary(g => g.Key, g => g.Select(r => new ChildMeasurement(r.Loss!.Value, r.Knowledge ?? 0, r.Kld, r.Metrics)).ToArray());
    }

    /// <summary>Number of distinct recorded architectures.</summary>
    public int ArchitectureCount => _recorded.Count;

    /// <summary>The recorded replicates of <paramref name="architecture"/> (empty when never recorded).</summary>
    public IReadOnlyList<ChildMeasurement> Replicates(Architecture architecture) =>
        _recorded.TryGetValue(architecture, out var m) ? m : [];

    public IReadOnlyList<ChildOutcome> Evaluate(IReadOnlyList<ChildTask> tasks, Action<ChildOutcome> completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(completed);
        var outcomes = new ChildOutcome[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes[i] = Evaluate(tasks[i]);
            completed(outcomes[i]);
        }

        return outcomes;
    }

    /// <summary>One draw for one task.</summary>
    public ChildOutcome Evaluate(ChildTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var arch = new Architecture(task.Tokens);
        if (!_recorded.TryGetValue(arch, out var replicates))
        {
            return ChildOutcome.Failed(task, $"architecture {arch} has no recorded result in the replay history");
        }

        var pick = replicates[new Random(task.Seed).Next(replicates.Length)];
        return new ChildOutcome(task, pick, null, 0);
    }
}
