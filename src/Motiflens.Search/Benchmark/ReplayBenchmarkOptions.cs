using Motiflens.Search.Controllers;

namespace Motiflens.Search.Benchmark;

/// <summary>Settings of the replay (bootstrap) benchmark.</summary>
public sealed record ReplayBenchmarkOptions
{
    /// <summary>Independent searches per λ.</summary>
    public int Runs { get; init; } = 100;

    public int Episodes { get; init; } = 100;

    public int ChildrenPerEpisode { get; init; } = 5;

    public ControllerOptions Controller { get; init; } = ControllerOptions.BioNas;

    /// <summary>Creates the policy-update rule for each run.</summary>
    public Func<IPolicyUpdate> Update { get; init; } = () => new ReinforceUpdate();

    public int Seed { get; init; }

    /// <summary>The reward each run's controller learns from (see <see cref="SearchOptions.RewardEstimate"/>).</summary>
    public RewardEstimate RewardEstimate { get; init; } = RewardEstimate.Median;

    /// <summary>Elite architectures replayed in every update (see <see cref="SearchOptions.Elites"/>).</summary>
    public int Elites { get; init; } = 1;

    /// <summary>Bootstrap resamples of the replicates for <see cref="LambdaBenchmark.GoldStandardSupport"/> (0 = skip).</summary>
    public int GoldResamples { get; init; } = 1000;

    /// <summary>Runs in parallel (each run is seeded on its own, so results do not depend on this).</summary>
    public int Threads { get; init; } = 1;
}
