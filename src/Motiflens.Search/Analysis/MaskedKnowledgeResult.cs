namespace Motiflens.Search.Analysis;

/// <summary>
/// The comparison of masked K between the selected children and their loss-matched controls.
/// </summary>
/// <param name="Selected">The selected children with their matches.</param>
/// <param name="Controls">The union of all matches (each child once), in trial order.</param>
/// <param name="MeanSelected">Mean masked K of the selected children.</param>
/// <param name="MeanControls">Mean masked K of the controls.</param>
/// <param name="Difference">MeanSelected − MeanControls; negative when the selected children match the masked motifs better.</param>
/// <param name="PValue">One-sided permutation p-value for "selected have lower masked K" (NaN when a group is empty).</param>
/// <param name="Exact">True when every relabeling was enumerated; false for random relabelings.</param>
/// <param name="Relabelings">How many relabelings the p-value is based on.</param>
/// <param name="Children">How many children were compared in all.</param>
public sealed record MaskedKnowledgeResult(
    IReadOnlyList<SelectedChild> Selected,
    IReadOnlyList<MaskedChild> Controls,
    double MeanSelected,
    double MeanControls,
    double Difference,
    double PValue,
    bool Exact,
    long Relabelings,
    int Children);
