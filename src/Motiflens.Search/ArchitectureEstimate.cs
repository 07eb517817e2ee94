using Motiflens.Search.Spaces;

namespace Motiflens.Search;

/// <summary>
/// What a search knows of one architecture: how many of its children were evaluated successfully, their median L and
/// median K, and the reward of those medians (what <see cref="RewardEstimate.Median"/> and the elites use).
/// </summary>
public sealed record ArchitectureEstimate(Architecture Architecture, int Evaluations, double MedianLoss, double MedianKnowledge, double Reward);
