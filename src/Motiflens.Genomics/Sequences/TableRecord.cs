namespace Motiflens.Genomics.Sequences;

/// <summary>One row of a sequence table: an optional name, the sequence codes and the label values.</summary>
/// <param name="Name">The name column's value, or "row{line}" when the table has no name column.</param>
/// <param name="Codes">The sequence (L) as <see cref="Alphabet"/> codes.</param>
/// <param name="Labels">The label columns' values (T).</param>
/// <param name="Line">1-based line in the file.</param>
public sealed record TableRecord(string Name, byte[] Codes, float[] Labels, long Line);
