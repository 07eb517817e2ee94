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

    /// <summary>
    /// Folder for the controller state (<c>controller.json</c>) and the pending episode plan (<c>episode.json</c>);
    /// null keeps everything in memory (replay benchmark).
    /// </summary>
    public string? StateDirectory { get; init; }
}
