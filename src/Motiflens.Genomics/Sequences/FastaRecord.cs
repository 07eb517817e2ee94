namespace Motiflens.Genomics.Sequences;

/// <summary>One FASTA record: the header's first word, the rest of the header, and the sequence as codes.</summary>
/// <param name="Name">The header up to the first whitespace (without the '>').</param>
/// <param name="Description">The rest of the header after that whitespace ("" when none).</param>
/// <param name="Codes">The sequence (L) as <see cref="Alphabet"/> codes.</param>
/// <param name="Line">The 1-based line of the header in its file (0 when not read from a file).</param>
public sealed record FastaRecord(string Name, string Description, byte[] Codes, long Line = 0)
{
    /// <summary>Creates a record from letters; throws <see cref="ArgumentException"/> for non-IUPAC letters.</summary>
    public static FastaRecord FromLetters(string name, string sequence) => new(name, string.Empty, Alphabet.Encode(sequence));

    /// <summary>The sequence as letters (A, C, G, T, N).</summary>
    public string Letters => Alphabet.Decode(Codes);
}
