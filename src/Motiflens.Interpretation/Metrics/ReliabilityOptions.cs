namespace Motiflens.Interpretation.Metrics;

/// <summary>What <see cref="ReliabilityScorer"/> computes and how.</summary>
/// <param name="WeightedKs">k values of the weighted KLD (default 3..8; the length weights' k are always added).</param>
/// <param name="Weights">Length weights of the multi-scale KLD (default <see cref="LengthWeights.Default"/>).</param>
/// <param name="Importance">Per-position importance of the weighted KLD (default r_i).</param>
/// <param name="Original">Parameters of the original KLD (default k = 6, q = 0.9, buffer 2).</param>
/// <param name="MaxDegreeOfParallelism">Threads used across k values (results do not depend on it).</param>
public sealed record ReliabilityOptions(
    IReadOnlyList<int>? WeightedKs = null,
    LengthWeights? Weights = null,
    ImportanceKind Importance = ImportanceKind.CorrectedNorm,
    OriginalKldOptions? Original = null,
    int MaxDegreeOfParallelism = 1)
{
    /// <summary>The defaults.</summary>
    public static ReliabilityOptions Default { get; } = new();
}
