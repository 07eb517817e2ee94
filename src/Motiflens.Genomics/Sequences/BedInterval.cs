namespace Motiflens.Genomics.Sequences;

/// <summary>One BED interval: 0-based, half-open [Start, End) on <see cref="Chrom"/>.</summary>
/// <param name="Chrom">Chromosome name as in the genome FASTA.</param>
/// <param name="Start">0-based first base.</param>
/// <param name="End">One past the last base.</param>
/// <param name="Name">The 4th column, when present.</param>
/// <param name="Line">1-based line in the BED file (for errors).</param>
/// <param name="Summit">narrowPeak's 10th column: the summit's offset from <see cref="Start"/>, when given (not -1).</param>
public sealed record BedInterval(string Chrom, long Start, long End, string? Name = null, long Line = 0, long? Summit = null)
{
    public long Length => End - Start;

    /// <summary>The base windows are centred on: the summit when given, otherwise the middle (rounded down).</summary>
    public long Centre => Summit is { } s ? Start + s : Start + ((End - Start) / 2);
}
