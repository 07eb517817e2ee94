namespace Motiflens.Search.Controllers;

/// <summary>How <see cref="ArchitectureController"/> turns a reward R and the baseline b into an advantage.</summary>
public enum AdvantageScaling
{
    /// <summary>(R − b) / s, s the standard deviation of the rewards in the episode buffer.</summary>
    BufferStandardDeviation,

    /// <summary>(R − b) / |R|, BioNAS's scaling of the surrogate by the reciprocal reward magnitude.</summary>
    RewardMagnitude,
}
