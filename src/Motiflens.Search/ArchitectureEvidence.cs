using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search;

/// <summary>
/// Everything a search has measured of each architecture: running medians of L, K and KLD over its successful
/// children, for <see cref="RewardEstimate.Median"/>.
/// </summary>
public sealed class ArchitectureEvidence
{
    private static readonly IReadOnlyDictionary<string, double> NoMetrics = new Dictionary<string, double>();

    private readonly Dictionary<Architecture, Medians> _byArchitecture = [];

    /// <summary>Adds a finished child (failed children carry no measurement and are ignored).</summary>
    public void Add(ChildRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.IsOk)
        {
            return;
        }

        var arch = new Architecture(record.Tokens);
        if (!_byArchitecture.TryGetValue(arch, out var m))
        {
            m = new Medians();
            _byArchitecture.Add(arch, m);
        }

        m.Loss.Add(record.Loss!.Value);
        m.Knowledge.Add(record.Knowledge ?? 0);
        if (record.Kld is { } kld)
        {
            m.Kld.Add(kld);
        }
    }

    /// <summary>Successful evaluations of <paramref name="architecture"/> so far.</summary>
    public int Count(Architecture architecture) =>
        _byArchitecture.TryGetValue(architecture, out var m) ? m.Loss.Count : 0;

    /// <summary>
    /// The median measurement of <paramref name="architecture"/> (median L, median K, median KLD when any child had
    /// one), or null when it has no successful evaluation.
    /// </summary>
    public ChildMeasurement? Median(Architecture architecture)
    {
        if (!_byArchitecture.TryGetValue(architecture, out var m) || m.Loss.Count == 0)
        {
            return null;
        }

        return new ChildMeasurement(m.Loss.Median, m.Knowledge.Median, m.Kld.Count > 0 ? m.Kld.Median : null, NoMetrics);
    }

    /// <summary>
    /// The <paramref name="count"/> architectures whose median measurement has the highest reward (ties: the
    /// architecture's token string in ordinal order).
    /// </summary>
    public IReadOnlyList<ArchitectureEstimate> Best(int count, IRewardFunction reward)
    {
        ArgumentNullException.ThrowIfNull(reward);
        // A partial selection: this runs once per controller update, over every architecture seen so far.
        var best = new List<ArchitectureEstimate>(count + 1);
        foreach (var (arch, m) in _byArchitecture)
        {
            var median = Median(arch)!;
            var candidate = new ArchitectureEstimate(arch, m.Loss.Count, median.Loss, median.Knowledge, reward.Reward(median));
            int at = best.Count;
            while (at > 0 && Before(candidate, best[at - 1]))
            {
                at--;
            }

            if (at < count)
            {
                best.Insert(at, candidate);
                if (best.Count > count)
                {
                    best.RemoveAt(count);
                }
            }
        }

        return best;
    }

    private static bool Before(ArchitectureEstimate a, ArchitectureEstimate b) =>
        a.Reward > b.Reward
        || (a.Reward == b.Reward && string.CompareOrdinal(a.Architecture.ToString(), b.Architecture.ToString()) < 0);

    private sealed class Medians
    {
        public RunningMedian Loss { get; } = new();

        public RunningMedian Knowledge { get; } = new();

        public RunningMedian Kld { get; } = new();
    }
}
