using System.Globalization;

namespace Motiflens.Genomics.Simulation;

/// <summary>One motif instance placed in a simulated sequence: 0-based start, motif name, strand.</summary>
/// <param name="Start">0-based position of the instance's first base.</param>
/// <param name="Name">The motif's name (as listed in the dataset's motif_names).</param>
/// <param name="Width">The instance's length.</param>
/// <param name="Reverse">True when the reverse complement was embedded (strand '-').</param>
public sealed record MotifEmbedding(int Start, string Name, int Width, bool Reverse)
{
    public char Strand => Reverse ? '-' : '+';

    /// <summary>"start:name:strand", the dataset's text form (the width follows from the motif).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start}:{Name}:{Strand}");

    /// <summary>Joins embeddings as the dataset stores them: "start:name:strand" separated by ';'.</summary>
    public static string Join(IEnumerable<MotifEmbedding> embeddings) => string.Join(';', embeddings.Select(e => e.ToString()));

    /// <summary>
    /// Parses the text form of one sequence's embeddings into (start, name, strand) triples; widths are
    /// unknown in the text and set to 0. Returns an empty list for "".
    /// </summary>
    public static IReadOnlyList<MotifEmbedding> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<MotifEmbedding>();
        if (text.Length == 0)
        {
            return result;
        }

        foreach (var item in text.Split(';'))
        {
            var parts = item.Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int start) || parts[2] is not ("+" or "-"))
            {
                throw new FormatException($"expected 'start:name:strand', found '{item}'");
            }

            result.Add(new MotifEmbedding(start, parts[1], 0, parts[2] == "-"));
        }

        return result;
    }
}
