using Motiflens.Search.History;

namespace Motiflens.Search;

/// <summary>
/// A progress report after each child or episode: counts, the best children so far, per-layer probabilities along the
/// argmax path, and (after an episode) the best architecture by the reward of its median L and K so far.
/// </summary>
public sealed record SearchProgress(
    int Episode,
    int Episodes,
    int ChildrenDone,
    ChildRecord? LastChild,
    IReadOnlyList<ChildRecord> Best,
    IReadOnlyList<double[]> LayerProbabilities,
    IReadOnlyList<ArchitectureEstimate> BestArchitectures);
