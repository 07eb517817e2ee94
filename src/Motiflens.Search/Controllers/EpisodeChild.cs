using System.Text.Json.Serialization;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Controllers;

/// <summary>
/// One child of an episode as the controller learns from it: its tokens, log π(a) under the policy that sampled it,
/// the reward, and the advantage (reward minus baseline, scaled as <see cref="ControllerOptions.AdvantageScaling"/> says) computed
/// when stored.
/// </summary>
public sealed record EpisodeChild(
    [property: JsonPropertyName("tokens")] IReadOnlyList<int> Tokens,
    [property: JsonPropertyName("log_prob")] double LogProb,
    [property: JsonPropertyName("reward")] double Reward,
    [property: JsonPropertyName("advantage")] double Advantage)
{
    [JsonIgnore]
    public Architecture Architecture => new(Tokens);
}
