namespace Motiflens.Interpretation.Attribution;

/// <summary>The reference input of integrated gradients.</summary>
public enum IntegratedGradientsBaseline
{
    /// <summary>All-zero input.</summary>
    Zeros,

    /// <summary>0.25 in every channel of every position.</summary>
    Uniform,

    /// <summary>A dinucleotide-shuffled copy of the sequence (seeded per sequence; N stays N).</summary>
    DinucleotideShuffled,
}
