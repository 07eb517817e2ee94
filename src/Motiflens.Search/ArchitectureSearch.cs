using System.Diagnostics;
using System.Text.Json;
using Motiflens.IO;
using Motiflens.Search.Controllers;
using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search;

/// <summary>
/// The search loop (AMBER's environment): per episode, sample children from the controller, reject invalid ones
/// by shape inference (worst reward, no training), evaluate the rest, record every child in the history as it
/// finishes, then update the controller (with the rewards chosen by <see cref="SearchOptions.RewardEstimate"/>, plus
/// the elite architectures of <see cref="SearchOptions.Elites"/>) and save its state. Killed at any point and started again with the same
/// history, state folder and options, it resumes with no child lost or evaluated twice.
/// </summary>
public sealed class ArchitectureSearch
{
    private const string StateFile = "controller.json";
    private const string PlanFile = "episode.json";

    private readonly ModelSpace _space;
    private readonly ArchitectureController _controller;
    private readonly IChildEvaluator _evaluator;
    private readonly IRewardFunction _reward;
    private readonly SearchOptions _options;
    private readonly List<ChildRecord> _records;
    private readonly Action<ChildRecord>? _record;
    private readonly Dictionary<int, ChildRecord> _byTrial = [];
    private readonly ArchitectureEvidence _evidence = new();
    private readonly Lock _gate = new();

    // The lowest reward of an ok child so far (+∞ before the first): what failed children are given.
    private double _worstReward = double.PositiveInfinity;

    /// <param name="existing">Records already in the history (on resume); trial ids must follow the plan scheme.</param>
    /// <param name="record">Called with each finished child (e.g. <see cref="SearchHistoryWriter.Append"/>).</param>
    public ArchitectureSearch(ModelSpace space, ArchitectureController controller, IChildEvaluator evaluator, IRewardFunction reward,
        SearchOptions options, IReadOnlyList<ChildRecord>? existing = null, Action<ChildRecord>? record = null)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _controller = controller ?? throw new ArgumentNullException(nameof(controller));
        _evaluator = evaluator ?? throw new ArgumentNullException(nameof(evaluator));
        _reward = reward ?? throw new ArgumentNullException(nameof(reward));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _records = [];
        foreach (var r in existing ?? [])
        {
            Track(r);
        }

        _record = record;
        if (!controller.Policy.OptionCounts.SequenceEqual(space.OptionCounts))
        {
            throw new ArgumentException("the controller was built for another space (option counts differ)");
        }
    }

    /// <summary>Path of the controller state inside a state folder.</summary>
    public static string StatePath(string directory) => Path.Combine(directory, StateFile);

    /// <summary>Runs the remaining episodes (from <see cref="ArchitectureController.Updates"/> to <see cref="SearchOptions.Episodes"/>).</summary>
    public SearchSummary Run(IProgress<SearchProgress>? progress, CancellationToken cancellationToken)
    {
        for (int episode = _controller.Updates; episode < _options.Episodes; episode++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunEpisode(episode, progress, cancellationToken);
        }

        return new SearchSummary(_records, Best(5), _controller.Converged(), BestArchitectures(5));
    }

    /// <summary>The <paramref name="count"/> ok records with the highest reward.</summary>
    public IReadOnlyList<ChildRecord> Best(int count) =>
        _records.Where(r => r.IsOk).OrderByDescending(r => r.Reward).ThenBy(r => r.Trial).Take(count).ToArray();

    /// <summary>
    /// The <paramref name="count"/> architectures with the highest reward of their median L and K over every successful
    /// child so far (ties: token string in ordinal order).
    /// </summary>
    public IReadOnlyList<ArchitectureEstimate> BestArchitectures(int count) => _evidence.Best(count, _reward);

    private void RunEpisode(int episode, IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        var plan = LoadOrDrawPlan(episode);
        var tasks = new List<ChildTask>();
        var childRng = new Random(Seeds.Derive(_options.Seed, episode, 1));
        for (int i = 0; i < plan.Tokens.Count; i++)
        {
            int trial = plan.FirstTrial + i;
            var arch = new Architecture(plan.Tokens[i]);
            int seed = childRng.Next();
            if (_byTrial.ContainsKey(trial))
            {
                continue; // evaluated before the interruption
            }

            var task = new ChildTask(trial, episode, arch.Tokens.ToArray(), _space.LayerStrings(arch), seed);
            if (_space.InvalidReason(arch) is { } reason)
            {
                Add(ToRecord(ChildOutcome.Failed(task, "invalid architecture: " + reason)), episode, progress);
            }
            else
            {
                tasks.Add(task);
            }
        }

        if (tasks.Count > 0)
        {
            _evaluator.Evaluate(tasks, outcome => Add(ToRecord(outcome), episode, progress), ct);
        }

        // Rewards of this episode's children (their own, or their architecture's median so far, this episode included);
        // failed children get the worst reward seen so far in the search.
        bool anyOk = !double.IsPositiveInfinity(_worstReward);
        var children = new List<SampledChild>();
        var rewards = new List<double>();
        for (int i = 0; i < plan.Tokens.Count; i++)
        {
            var r = _byTrial[plan.FirstTrial + i];
            if (!r.IsOk && !anyOk)
            {
                continue; // nothing to compare a failure with yet
            }

            var arch = new Architecture(plan.Tokens[i]);
            children.Add(new SampledChild(arch, plan.LogProbs[i]));
            rewards.Add(!r.IsOk ? _worstReward
                : _options.RewardEstimate == RewardEstimate.Median ? _reward.Reward(_evidence.Median(arch)!)
                : r.Reward);
        }

        if (children.Count > 0 && _options.Elites > 0)
        {
            foreach (var elite in BestArchitectures(_options.Elites))
            {
                children.Add(new SampledChild(elite.Architecture, _controller.Policy.Evaluate(elite.Architecture).LogProbability));
                rewards.Add(elite.Reward);
            }
        }

        if (children.Count > 0)
        {
            _controller.Learn(children, rewards);
        }
        else
        {
            _controller.SkipEpisode();
        }

        if (_options.StateDirectory is { } dir)
        {
            _controller.Save(StatePath(dir));
            File.Delete(Path.Combine(dir, PlanFile));
        }

        progress?.Report(new SearchProgress(episode + 1, _options.Episodes, _records.Count, null, Best(5), _controller.LayerProbabilities(), BestArchitectures(1)));
    }

    private EpisodePlan LoadOrDrawPlan(int episode)
    {
        int firstTrial = episode * _options.ChildrenPerEpisode;
        string? path = _options.StateDirectory is { } dir ? Path.Combine(dir, PlanFile) : null;
        if (path is not null && File.Exists(path))
        {
            EpisodePlan? saved;
            try
            {
                saved = JsonSerializer.Deserialize<EpisodePlan>(File.ReadAllText(path));
            }
            catch (JsonException ex)
            {
                throw new InputException(path, 0, $"expected an episode plan (JSON), found: {ex.Message}");
            }

            if (saved is not null && saved.Episode == episode)
            {
                return saved;
            }
        }

        var rng = new Random(Seeds.Derive(_options.Seed, episode, 0));
        var sampled = _controller.Sample(_options.ChildrenPerEpisode, rng);
        var plan = new EpisodePlan(episode, firstTrial, sampled.Select(s => s.Architecture.Tokens.ToArray()).ToArray(), sampled.Select(s => s.LogProb).ToArray());
        if (path is not null)
        {
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(plan));
        }

        return plan;
    }

    private ChildRecord ToRecord(ChildOutcome outcome) => outcome.ToRecord(_reward, _options.Lambda, _options.Mu);

    // Every lookup the loop needs, kept up to date per child instead of rebuilt from the history every episode.
    private void Track(ChildRecord record)
    {
        _records.Add(record);
        _byTrial.Add(record.Trial, record);
        _evidence.Add(record);
        if (record.IsOk)
        {
            _worstReward = Math.Min(_worstReward, record.Reward);
        }
    }

    private void Add(ChildRecord record, int episode, IProgress<SearchProgress>? progress)
    {
        lock (_gate)
        {
            _record?.Invoke(record);
            Track(record);
            progress?.Report(new SearchProgress(episode, _options.Episodes, _records.Count, record, [], [], []));
        }
    }
}
