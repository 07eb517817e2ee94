namespace Motiflens.Search;

/// <summary>Which reward the controller learns from for each sampled child.</summary>
public enum RewardEstimate
{
    /// <summary>The child's own reward, R = −(L + λ·K) of this one training run (BioNAS, AMBER).</summary>
    Child,

    /// <summary>
    /// The reward of the architecture's median L, median K (and median KLD) over every successful evaluation of it
    /// in the search so far, this child included. Children are trained from random starts and a fraction of them end
    /// in a poor optimum; a controller fed single draws maximises the architecture's <em>mean</em> reward, which such
    /// outliers decide, while the median asks what a typical training run of the architecture achieves — the same
    /// statistic the gold standard of the replay benchmark uses. With one evaluation the two are identical.
    /// </summary>
    Median,
}
