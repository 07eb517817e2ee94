using System.Text.Json.Serialization;

namespace Motiflens.Search;

/// <summary>
/// The children drawn for an episode (tokens and log-probabilities under the sampling policy), written before any
/// is evaluated so a resumed search re-uses exactly them: trial ids are <see cref="FirstTrial"/> + index.
/// </summary>
public sealed record EpisodePlan(
    [property: JsonPropertyName("episode")] int Episode,
    [property: JsonPropertyName("first_trial")] int FirstTrial,
    [property: JsonPropertyName("tokens")] IReadOnlyList<int[]> Tokens,
    [property: JsonPropertyName("log_probs")] IReadOnlyList<double> LogProbs);
