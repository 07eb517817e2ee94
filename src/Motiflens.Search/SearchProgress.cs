using Motiflens.Search.History;

namespace Motiflens.Search;

/// <summary>A progress report after each child or episode: counts, the best children so far, per-layer probabilities along the argmax path.</summary>
public sealed record SearchProgress(
    int Episode,
    int Episodes,
    int ChildrenDone,
    ChildRecord? LastChild,
    IReadOnlyList<ChildRecord> Best,
    IReadOnlyList<double[]> LayerProbabilities);
