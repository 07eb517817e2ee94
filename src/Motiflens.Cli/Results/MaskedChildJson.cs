using Motiflens.Search.Analysis;

namespace Motiflens.Cli.Results;

/// <summary>A loss-matched control child in <see cref="MaskedResult"/>: its trial, architecture, loss, knowledge K, masked K and reward (null when undefined).</summary>
internal sealed record MaskedChildJson(
    int Trial,
    IReadOnlyList<string> Layers,
    IReadOnlyList<int> Tokens,
    double Loss,
    double? Knowledge,
    double MaskedK,
    double? Reward)
{
    /// <summary>The JSON form of <paramref name="child"/>.</summary>
    public static MaskedChildJson From(MaskedChild child) =>
        new(child.Trial, child.Layers, child.Tokens, child.Loss, child.Knowledge, child.MaskedK, JsonNumbers.Finite(child.Reward));
}
