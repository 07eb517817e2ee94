namespace Motiflens.Interpretation.Knowledge;

/// <summary>The best-matching filter of one known motif.</summary>
/// <param name="Motif">The motif's name.</param>
/// <param name="Filter">Index of the filter with the smallest d.</param>
/// <param name="Offset">
/// Position of the motif's first row relative to the filter's first row (negative when the motif starts in
/// the uniform padding before the filter): the padded offset minus ceil(n/2).
/// </param>
/// <param name="Strand">'+' for the motif as given, '-' for its reverse complement.</param>
/// <param name="Distance">d = (1/n) Σ_i KL(P[i] ‖ Ŵ[offset + i]) at the best filter, offset and strand (nats).</param>
public sealed record KnowledgeMatch(string Motif, int Filter, int Offset, char Strand, double Distance);
