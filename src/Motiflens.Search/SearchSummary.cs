using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search;

/// <summary>
/// The end of a search: every record (resumed ones included), the best children by their own reward, the converged
/// architecture, and the best architectures by the reward of their median L and K over all their children.
/// </summary>
public sealed record SearchSummary(IReadOnlyList<ChildRecord> Records, IReadOnlyList<ChildRecord> Best, Architecture Converged,
    IReadOnlyList<ArchitectureEstimate> BestArchitectures);
