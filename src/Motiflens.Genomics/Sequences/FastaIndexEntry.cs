namespace Motiflens.Genomics.Sequences;

/// <summary>One line of a samtools-style <c>.fai</c> index.</summary>
/// <param name="Name">Sequence name (header up to the first whitespace).</param>
/// <param name="Length">Number of bases.</param>
/// <param name="Offset">Byte offset of the first base in the FASTA file.</param>
/// <param name="LineBases">Bases per full line.</param>
/// <param name="LineWidth">Bytes per full line including the line ending.</param>
public sealed record FastaIndexEntry(string Name, long Length, long Offset, int LineBases, int LineWidth);
