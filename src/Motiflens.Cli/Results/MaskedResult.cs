namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens masked</c>: the search run, the masked motifs, how many children were recorded,
/// measured and skipped, the converged architecture (null when none), the selected children and their loss-matched
/// controls, mean masked K per group, the knowledge/masked Spearman correlation and the permutation test (null when undefined).
/// </summary>
internal sealed record MaskedResult(
    string Run,
    IReadOnlyList<string> MaskedMotifs,
    int Recorded,
    int Children,
    int Skipped,
    IReadOnlyList<string>? Converged,
    IReadOnlyList<int>? ConvergedTokens,
    int Neighbours,
    IReadOnlyList<MaskedSelectedJson> Selected,
    IReadOnlyList<MaskedChildJson> Controls,
    double? MeanMaskedKSelected,
    double? MeanMaskedKControls,
    double? MeanMaskedKAll,
    double? SpearmanKnowledgeMasked,
    double? Difference,
    double? PValue,
    bool Exact,
    long Relabelings);
