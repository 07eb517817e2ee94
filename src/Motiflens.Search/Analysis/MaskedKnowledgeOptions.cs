namespace Motiflens.Search.Analysis;

/// <summary>Settings of the masked-knowledge comparison (BioNAS §4.2).</summary>
public sealed record MaskedKnowledgeOptions
{
    /// <summary>How many of the best children by reward are "selected".</summary>
    public int Selected { get; init; } = 3;

    /// <summary>For each selected child, how many non-selected children nearest in validation loss are its matches.</summary>
    public int Neighbours { get; init; } = 5;

    /// <summary>Exact enumeration of the group labels is used when there are at most this many labelings.</summary>
    public long ExactLimit { get; init; } = 200_000;

    /// <summary>Random relabelings when the exact enumeration is too large.</summary>
    public int Permutations { get; init; } = 20_000;

    /// <summary>Seed of the random relabelings.</summary>
    public int Seed { get; init; }
}
