namespace Motiflens.Interpretation.Knowledge;

/// <summary>The knowledge dissimilarity of a filter bank against a motif set.</summary>
/// <param name="K">Mean over motifs of the best d (plus 0.01 × filters when the penalty is on).</param>
/// <param name="Matches">The best match of every motif, in the motifs' order.</param>
public sealed record KnowledgeResult(double K, IReadOnlyList<KnowledgeMatch> Matches);
