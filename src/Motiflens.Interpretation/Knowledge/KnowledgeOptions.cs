namespace Motiflens.Interpretation.Knowledge;

/// <summary>Options of <see cref="KnowledgeDissimilarity"/>.</summary>
/// <param name="Temperature">Softmax temperature used to decode filter rows (BioNAS: 0.1).</param>
/// <param name="ReverseComplement">Also try each motif's reverse complement and keep the better strand (BioNAS did not).</param>
/// <param name="FilterCountPenalty">Add the BioNAS regulariser 0.01 × number of filters to K.</param>
public sealed record KnowledgeOptions(double Temperature = 0.1, bool ReverseComplement = true, bool FilterCountPenalty = false)
{
    /// <summary>The defaults: temperature 0.1, reverse complement on, no penalty.</summary>
    public static KnowledgeOptions Default { get; } = new();
}
