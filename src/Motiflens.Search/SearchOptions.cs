namespace Motiflens.Search;

/// <summary>Settings of one architecture search run.</summary>
public sealed record SearchOptions
{
    /// <summary>Controller episodes (= policy updates) in total, counting those done before a resume.</summary>
    public int Episodes { get; init; } = 50;

    /// <summary>Children sampled and evaluated per episode.</summary>
    public int ChildrenPerEpisode { get; init; } = 5;

    /// <summary>Seeds sampling (episode e uses a generator derived from Seed and e) and children's training seeds.</summary>
    public int Seed { get; init; }

    /// <summary>λ and μ, recorded with each child (the reward function itself is passed separately).</summary>
    public double Lambda { get; init; }

    public double Mu { get; init; }

    /// <summary>The reward the controller learns from: its architecture's median so far (default), or the child's own.</summary>
    public RewardEstimate RewardEstimate { get; init; } = RewardEstimate.Median;

    /// <summary>
    /// Elite replay: the <c>Elites</c> architectures with the best median reward over all evaluations so far join every
    /// policy update as extra samples, with that median reward (0 = off: plain REINFORCE/PPO on the episode, as BioNAS).
    /// A policy-gradient controller otherwise settles in whichever basin its early, broad sampling favours, even after
    /// it has measured a better architecture elsewhere; replaying the best one found keeps pulling the policy towards it
    /// (the idea of priority-queue training, Abolafia et al. 2018).
    /// </summary>
    public int Elites { get; init; } = 1;

    /// <summary>
    /// Folder for the controller state (<c>controller.json</c>) and the pending episode plan (<c>episode.json</c>);
    /// null keeps everything in memory (replay benchmark).
    /// </summary>
    public string? StateDirectory { get; init; }
}
