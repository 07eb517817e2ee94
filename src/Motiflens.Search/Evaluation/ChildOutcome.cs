using System.Text.Json.Serialization;
using Motiflens.Search.History;

namespace Motiflens.Search.Evaluation;

/// <summary>The result file of one child (<c>result.json</c>): a measurement, or the reason it failed; plus wall time.</summary>
public sealed record ChildOutcome(
    [property: JsonPropertyName("task")] ChildTask Task,
    [property: JsonPropertyName("measurement")] ChildMeasurement? Measurement,
    [property: JsonPropertyName("failure")] string? FailureReason,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds)
{
    [JsonIgnore]
    public bool Ok => Measurement is not null;

    public static ChildOutcome Failed(ChildTask task, string reason, double wallSeconds = 0) => new(task, null, reason, wallSeconds);

    /// <summary>The history record of this outcome; failed children get reward NaN here (the search assigns their training reward).</summary>
    public ChildRecord ToRecord(IRewardFunction reward, double lambda, double mu)
    {
        ArgumentNullException.ThrowIfNull(reward);
        var m = Measurement;
        return new ChildRecord
        {
            Trial = Task.Trial,
            Episode = Task.Episode,
            Replicate = Task.Replicate,
            Tokens = Task.Tokens,
            Layers = Task.Layers,
            Loss = m?.Loss,
            Knowledge = m?.Knowledge,
            Kld = m?.Kld,
            Reward = m is null ? double.NaN : reward.Reward(m),
            Lambda = lambda,
            Mu = mu,
            Metrics = m?.Metrics ?? new Dictionary<string, double>(),
            Seed = Task.Seed,
            WallSeconds = WallSeconds,
            Status = m is null ? ChildStatus.Failed : ChildStatus.Ok,
            Reason = FailureReason,
        };
    }
}
