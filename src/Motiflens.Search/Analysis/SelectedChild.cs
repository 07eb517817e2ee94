namespace Motiflens.Search.Analysis;

/// <summary>A selected child and the trials of its loss-matched children (nearest validation loss first).</summary>
/// <param name="Child">The selected child.</param>
/// <param name="Reason">"top" (among the best by reward) or "converged" (the controller's final argmax architecture).</param>
/// <param name="Matches">Trials of the matched non-selected children.</param>
/// <param name="MatchedMeanK">Mean masked K of those matches.</param>
public sealed record SelectedChild(MaskedChild Child, string Reason, IReadOnlyList<int> Matches, double MatchedMeanK);
