using Motiflens.Search.Analysis;

namespace Motiflens.Cli.Results;

/// <summary>
/// A selected child in <see cref="MaskedResult"/>: the fields of <see cref="MaskedChildJson"/>, then why it was selected,
/// the trials of its loss-matched controls and their mean masked K (null when undefined).
/// </summary>
internal sealed record MaskedSelectedJson(
    int Trial,
    IReadOnlyList<string> Layers,
    IReadOnlyList<int> Tokens,
    double Loss,
    double? Knowledge,
    double MaskedK,
    double? Reward,
    string Reason,
    IReadOnlyList<int> Matches,
    double? MatchedMeanMaskedK)
{
    /// <summary>The JSON form of <paramref name="selected"/>.</summary>
    public static MaskedSelectedJson From(SelectedChild selected)
    {
        var c = selected.Child;
        return new(c.Trial, c.Layers, c.Tokens, c.Loss, c.Knowledge, c.MaskedK, JsonNumbers.Finite(c.Reward),
            selected.Reason, selected.Matches, JsonNumbers.Finite(selected.MatchedMeanK));
    }
}
