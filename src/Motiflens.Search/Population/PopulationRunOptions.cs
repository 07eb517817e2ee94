namespace Motiflens.Search.Population;

/// <summary>How <see cref="PopulationRunner"/> executes a population locally.</summary>
public sealed record PopulationRunOptions
{
    /// <summary>Members trained at the same time.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>Engine threads of each member. A member's result depends on its seed and this, not on <see cref="Jobs"/>.</summary>
    public int ThreadsPerModel { get; init; } = 1;

    /// <summary>Continue a directory that already holds tasks: finished members (result.json) are not trained again.</summary>
    public bool Resume { get; init; }

    /// <summary>Base seed; member seeds are this + replicate.</summary>
    public int Seed { get; init; }
}
