namespace Motiflens.Search.Population;

/// <summary>What each population member attributes and keeps.</summary>
/// <param name="MaxSequences">
/// Saliency is computed for the first this-many positive test sequences (in dataset order); the KLDs, SNR and
/// interpretability AUROC/AUPR use them. 2,000 covers every positive of the 4,000-sequence `code` test split.
/// </param>
/// <param name="Examples">Saliency maps of the first this-many positive test sequences kept in examples.npz.</param>
public sealed record PopulationAttribution(int MaxSequences = 2000, int Examples = 20)
{
    /// <summary>The defaults.</summary>
    public static PopulationAttribution Default { get; } = new();
}
