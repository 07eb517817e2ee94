using System.Globalization;
using Motiflens.IO;

namespace Motiflens.Genomics.Sequences;

/// <summary>
/// Reads delimited tables (TSV, CSV; plain or gzip) with a header row, a sequence column and label columns,
/// e.g. DeepBind's <c>FoldID EventID seq Bound</c>. Columns are chosen by header name (or 1-based number).
/// The delimiter is a tab when the header contains one, else a comma, else runs of spaces.
/// </summary>
public static class SequenceTable
{
    /// <summary>Reads the table at <paramref name="path"/>.</summary>
    /// <param name="path">The table file.</param>
    /// <param name="sequenceColumn">Header name (or 1-based number) of the sequence column.</param>
    /// <param name="labelColumns">Header names (or numbers) of the label columns, in task order; may be empty.</param>
    /// <param name="nameColumn">Header name (or number) of an identifier column, or null.</param>
    /// <param name="options">Ambiguous-base handling.</param>
    public static IReadOnlyList<TableRecord> Read(string path, string sequenceColumn, IReadOnlyList<string> labelColumns, string? nameColumn = null, FastaReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labelColumns);
        options ??= FastaReadOptions.Default;
        using var s = InputFile.Open(path);
        using var reader = new StreamReader(s);
        var headerText = reader.ReadLine() ?? throw new InputException(path, 1, "empty table (expected a header row)");
        char? delimiter = headerText.Contains('\t', StringComparison.Ordinal) ? '\t' : headerText.Contains(',', StringComparison.Ordinal) ? ',' : null;
        var header = Split(headerText, delimiter);
        int seqIndex = Column(path, header, sequenceColumn);
        var labelIndex = labelColumns.Select(c => Column(path, header, c)).ToArray();
        int nameIndex = nameColumn is null ? -1 : Column(path, header, nameColumn);

        var records = new List<TableRecord>();
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var f = Split(text, delimiter);
            if (f.Length != header.Length)
            {
                throw new InputException(path, line, $"expected {header.Length} columns as in the header, found {f.Length}");
            }

            var seq = f[seqIndex];
            var codes = new byte[seq.Length];
            for (int i = 0; i < seq.Length; i++)
            {
                byte c = Alphabet.CodeOf(seq[i]);
                if (c == Alphabet.Invalid || (options.RejectAmbiguous && c == Alphabet.N))
                {
                    throw new InputException(path, line, $"'{seq[i]}' at position {i + 1} of column '{header[seqIndex]}' is {(c == Alphabet.N ? "an ambiguous base but ambiguous bases were rejected" : "not an IUPAC nucleotide letter")}");
                }

                codes[i] = c;
            }

            if (codes.Length == 0)
            {
                throw new InputException(path, line, $"empty sequence in column '{header[seqIndex]}'");
            }

            var labels = new float[labelIndex.Length];
            for (int t = 0; t < labelIndex.Length; t++)
            {
                var v = f[labelIndex[t]];
                if (!float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out labels[t]) || float.IsNaN(labels[t]) || float.IsInfinity(labels[t]))
                {
                    throw new InputException(path, line, $"label column '{header[labelIndex[t]]}' must be a number, found '{v}'");
                }
            }

            var name = nameIndex >= 0 ? f[nameIndex] : string.Create(CultureInfo.InvariantCulture, $"row{line}");
            records.Add(new TableRecord(name, codes, labels, line));
        }

        return records;
    }

    private static string[] Split(string line, char? delimiter)
    {
        var fields = delimiter is { } d
            ? line.Split(d)
            : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < fields.Length; i++)
        {
            var x = fields[i].Trim();
            if (x.Length >= 2 && x[0] == '"' && x[^1] == '"')
            {
                x = x[1..^1];
            }

            fields[i] = x;
        }

        return fields;
    }

    private static int Column(string path, string[] header, string column)
    {
        int i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        if (i >= 0)
        {
            return i;
        }

        if (int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= header.Length)
        {
            return number - 1;
        }

        throw new InputException(path, 1, $"no column '{column}' in the header (columns: {string.Join(", ", header)})");
    }
}
