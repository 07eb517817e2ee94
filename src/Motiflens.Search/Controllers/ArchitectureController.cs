using System.Text.Json;
using System.Text.Json.Serialization;
using Motiflens.Engine.Recurrent;
using Motiflens.IO;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Controllers;

/// <summary>
/// The search controller (AMBER's Sample / Store / Train in one object): samples children from the LSTM policy,
/// turns their rewards into advantages against an exponential-moving-average baseline (scaled by the spread of the
/// rewards in the buffer of recent episodes, so any λ gives steps of the same size), and updates the policy with
/// the chosen <see cref="IPolicyUpdate"/> (<see cref="ReinforceUpdate"/> or <see cref="PpoUpdate"/>).
/// </summary>
public sealed class ArchitectureController
{
    private static readonly JsonSerializerOptions StateJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    private readonly List<Episode> _buffer = [];

    /// <summary>A fresh controller for layers with <paramref name="optionCounts"/> options; <paramref name="seed"/> fixes the initial weights.</summary>
    public ArchitectureController(IReadOnlyList<int> optionCounts, ControllerOptions options, IPolicyUpdate update, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(update);
        Options = options;
        Update = update;
        Policy = new ControllerPolicy(optionCounts, options, new Random(seed));
        Optimizer = new ArrayAdam(Policy.Parameters.Select(p => p.Length), options.LearningRate);
    }

    public ControllerOptions Options { get; }

    public IPolicyUpdate Update { get; }

    public ControllerPolicy Policy { get; }

    public ArrayAdam Optimizer { get; }

    /// <summary>The moving-average reward baseline (null before the first episode).</summary>
    public double? Baseline { get; private set; }

    /// <summary>Number of updates (episodes learned from).</summary>
    public int Updates { get; private set; }

    /// <summary>The recent episodes, oldest first.</summary>
    public IReadOnlyList<Episode> Buffer => _buffer;

    /// <summary>Draws <paramref name="count"/> architectures from the current policy.</summary>
    public IReadOnlyList<SampledChild> Sample(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var result = new SampledChild[count];
        for (int i = 0; i < count; i++)
        {
            var trace = Policy.Sample(random);
            result[i] = new SampledChild(trace.Architecture, trace.LogProbability);
        }

        return result;
    }

    /// <summary>The converged architecture: per-layer argmax, each step fed the previous argmax.</summary>
    public Architecture Converged() => Policy.Greedy().Architecture;

    /// <summary>The choice probabilities of every layer along the argmax path (what a progress display shows).</summary>
    public IReadOnlyList<double[]> LayerProbabilities() => Policy.Greedy().Probabilities;

    /// <summary>
    /// Learns from one evaluated episode: stores it in the buffer with advantages, runs the update rule, then moves
    /// the baseline towards the episode's mean reward.
    /// </summary>
    public PolicyUpdateReport Learn(IReadOnlyList<SampledChild> children, IReadOnlyList<double> rewards)
    {
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(rewards);
        if (children.Count == 0 || children.Count != rewards.Count)
        {
            throw new ArgumentException($"expected one reward per child; got {children.Count} children and {rewards.Count} rewards");
        }

        if (rewards.Any(r => !double.IsFinite(r)))
        {
            throw new ArgumentException("rewards must be finite (give failed children the worst reward, not NaN or -inf)");
        }

        double mean = rewards.Average();
        double baseline = Baseline ?? mean;
        var recent = _buffer.Skip(Math.Max(0, _buffer.Count - (Options.BufferEpisodes - 1)))
            .SelectMany(e => e.Children.Select(c => c.Reward)).Concat(rewards).ToArray();
        double spread = StandardDeviation(recent);
        double scale = spread > 1e-12 ? spread : 1.0;
        var episode = new Episode(Updates, children.Select((c, i) =>
            new EpisodeChild(c.Architecture.Tokens.ToArray(), c.LogProb, rewards[i], Advantage(rewards[i], baseline, scale))).ToArray());
        _buffer.Add(episode);
        while (_buffer.Count > Options.BufferEpisodes)
        {
            _buffer.RemoveAt(0);
        }

        var report = Update.Update(Policy, Optimizer, _buffer, Options);
        Baseline = Options.BaselineDecay * baseline + (1 - Options.BaselineDecay) * mean;
        Updates++;
        return report;
    }

    /// <summary>Counts an episode whose children all failed before any valid reward existed (nothing to learn from).</summary>
    public void SkipEpisode() => Updates++;

    /// <summary>A snapshot of the full state (weights, optimiser, baseline, buffer).</summary>
    public ControllerState ToState() => new()
    {
        Algorithm = Update.GetType().Name,
        Options = Options,
        OptionCounts = Policy.OptionCounts.ToArray(),
        Updates = Updates,
        Baseline = Baseline,
        Parameters = Policy.Parameters.Select(p => (double[])p.Clone()).ToArray(),
        AdamStep = Optimizer.Step,
        AdamFirstMoments = Optimizer.FirstMoments.Select(p => (double[])p.Clone()).ToArray(),
        AdamSecondMoments = Optimizer.SecondMoments.Select(p => (double[])p.Clone()).ToArray(),
        Buffer = _buffer.ToArray(),
    };

    /// <summary>Rebuilds a controller from <paramref name="state"/>; <paramref name="update"/> must be the same rule.</summary>
    public static ArchitectureController FromState(ControllerState state, IPolicyUpdate update, string source = "controller state")
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(update);
        if (state.Algorithm != update.GetType().Name)
        {
            throw new InputException(source, "algorithm", $"the saved controller uses {state.Algorithm}, but {update.GetType().Name} was requested");
        }

        var controller = new ArchitectureController(state.OptionCounts, state.Options, update, 0);
        var parameters = controller.Policy.Parameters;
        if (state.Parameters.Count != parameters.Count || state.AdamFirstMoments.Count != parameters.Count || state.AdamSecondMoments.Count != parameters.Count)
        {
            throw new InputException(source, "parameters", $"expected {parameters.Count} parameter arrays, found {state.Parameters.Count}");
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            if (state.Parameters[i].Length != parameters[i].Length || state.AdamFirstMoments[i].Length != parameters[i].Length
                || state.AdamSecondMoments[i].Length != parameters[i].Length)
            {
                throw new InputException(source, $"parameters[{i}]", $"expected {parameters[i].Length} values, found {state.Parameters[i].Length}");
            }

            state.Parameters[i].CopyTo(parameters[i], 0);
            state.AdamFirstMoments[i].CopyTo(controller.Optimizer.FirstMoments[i], 0);
            state.AdamSecondMoments[i].CopyTo(controller.Optimizer.SecondMoments[i], 0);
        }

        controller.Optimizer.Step = state.AdamStep;
        controller.Baseline = state.Baseline;
        controller.Updates = state.Updates;
        controller._buffer.AddRange(state.Buffer);
        return controller;
    }

    /// <summary>Writes the state to <paramref name="path"/> atomically (JSON).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(ToState(), StateJson));

    /// <summary>Reads a controller saved with <see cref="Save"/>.</summary>
    public static ArchitectureController Load(string path, IPolicyUpdate update)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = InputFiles.ReadAllText(path, "the controller state");
        ControllerState? state;
        try
        {
            state = JsonSerializer.Deserialize<ControllerState>(text, StateJson);
        }
        catch (JsonException ex)
        {
            throw new InputException(path, 0, $"expected a controller state (JSON), found: {ex.Message}");
        }

        return FromState(state ?? throw new InputException(path, 0, "expected a controller state, found null"), update, path);
    }

    private double Advantage(double reward, double baseline, double spread) => Options.AdvantageScaling switch
    {
        AdvantageScaling.RewardMagnitude => (reward - baseline) / Math.Max(Math.Abs(reward), 1e-8),
        _ => (reward - baseline) / spread,
    };

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        double s = 0;
        foreach (var v in values)
        {
            s += (v - mean) * (v - mean);
        }

        return Math.Sqrt(s / values.Length);
    }
}
