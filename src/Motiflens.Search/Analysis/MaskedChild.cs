namespace Motiflens.Search.Analysis;

/// <summary>
/// One successfully trained child of a search or grid run, measured against masked motifs.
/// </summary>
/// <param name="Trial">The child's trial number in the history.</param>
/// <param name="Tokens">The architecture (one option index per layer).</param>
/// <param name="Layers">Readable layer strings.</param>
/// <param name="Loss">Validation loss L from the history.</param>
/// <param name="Knowledge">K against the knowledge motifs the search used (from the history).</param>
/// <param name="MaskedK">K of the child's first-layer filters against the masked motifs (not seen by the search).</param>
/// <param name="Reward">The reward the search gave the child.</param>
public sealed record MaskedChild(int Trial, IReadOnlyList<int> Tokens, IReadOnlyList<string> Layers, double Loss, double? Knowledge, double MaskedK, double Reward);
