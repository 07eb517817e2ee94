namespace Motiflens.Genomics.Simulation;

/// <summary>The simulation presets of docs/simulation.md.</summary>
public enum SimulationPreset
{
    /// <summary>simdna-style density embedding of one motif set, one label; default the BioNAS MYC task.</summary>
    Single,

    /// <summary>CTCF, IRF, MYC with 0–3 instances each, three labels, plus empty negatives (BioNAS §4.2).</summary>
    Multitask,

    /// <summary>Koo &amp; Ploenzke 2021: 3–7 core motifs in positives, core + 50 background motifs in negatives.</summary>
    Code,
}
