namespace Motiflens.Interpretation.Metrics;

/// <summary>A block of positions [<paramref name="Start"/>, <paramref name="End"/>] (both inclusive) of one sequence.</summary>
public readonly record struct KmerBlock(int Start, int End)
{
    /// <summary>Number of positions, End − Start + 1.</summary>
    public int Length => End - Start + 1;
}
