using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search;

/// <summary>The end of a search: every record (resumed ones included), the best ones by reward, the converged architecture.</summary>
public sealed record SearchSummary(IReadOnlyList<ChildRecord> Records, IReadOnlyList<ChildRecord> Best, Architecture Converged);
