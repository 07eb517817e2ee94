namespace Motiflens.Genomics.Sequences;

/// <summary>How strictly FASTA (and other sequence) input is read.</summary>
/// <param name="RejectAmbiguous">Treat N and other IUPAC ambiguity codes as errors instead of reading them as N.</param>
/// <param name="AllowEmpty">Accept a header followed by no sequence (an empty record) instead of reporting it.</param>
public sealed record FastaReadOptions(bool RejectAmbiguous = false, bool AllowEmpty = false)
{
    public static FastaReadOptions Default { get; } = new();
}
