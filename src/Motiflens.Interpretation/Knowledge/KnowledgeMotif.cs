using Motiflens.Genomics.Motifs;

namespace Motiflens.Interpretation.Knowledge;

/// <summary>A known motif P as probabilities (n, 4) over A, C, G, T, row-major.</summary>
/// <param name="Name">The motif's name, reported with its best match.</param>
/// <param name="Probabilities">(n, 4) probabilities; each row should sum to 1.</param>
public sealed record KnowledgeMotif(string Name, double[] Probabilities)
{
    /// <summary>n, the motif length.</summary>
    public int Length => Probabilities.Length / 4;

    /// <summary>The motif of a position weight matrix read from a motif file (named by its id).</summary>
    public static KnowledgeMotif From(PositionWeightMatrix pwm)
    {
        ArgumentNullException.ThrowIfNull(pwm);
        return new KnowledgeMotif(pwm.Id, pwm.Probabilities.ToArray());
    }
}
