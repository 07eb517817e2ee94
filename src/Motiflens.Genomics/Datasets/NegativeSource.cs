namespace Motiflens.Genomics.Datasets;

/// <summary>Where <see cref="DatasetBuilder"/> takes generated negative sequences from.</summary>
public enum NegativeSource
{
    /// <summary>No generated negatives (the input already has them, or a regression task).</summary>
    None,

    /// <summary>Dinucleotide-shuffled copies of the positives (seeded); each stays in its source's split.</summary>
    Shuffle,

    /// <summary>Random genomic windows whose GC content matches the positives (needs a genome).</summary>
    Background,
}
