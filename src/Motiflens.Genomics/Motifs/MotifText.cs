using System.Globalization;
using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Motifs;

/// <summary>The lines of a motif file with helpers for numbered errors and number parsing.</summary>
internal sealed class MotifText
{
    private static readonly char[] Separators = [' ', '\t'];

    public MotifText(string source, string[] lines, int lineOffset = 0)
    {
        Source = source;
        Lines = lines;
        LineOffset = lineOffset;
    }

    /// <summary>Added to 1-based line numbers in errors (for text with a prepended virtual line).</summary>
    public int LineOffset { get; }

    public string Source { get; }

    /// <summary>The lines; line i (0-based) is reported as i + 1.</summary>
    public string[] Lines { get; }

    public static MotifText Load(string path)
    {
        using var s = InputFile.Open(path);
        using var r = new StreamReader(s);
        var lines = new List<string>();
        while (r.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return new MotifText(path, lines.ToArray());
    }

    public static MotifText FromString(string text, string source) => new(source, text.ReplaceLineEndings("\n").Split('\n'));

    public InputException Error(int index, string problem) => new(Source, index + 1 + LineOffset, problem);

    public static string[] Fields(string line) => line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    public static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public double Number(int index, string s)
    {
        if (!TryNumber(s, out var v) || double.IsNaN(v) || double.IsInfinity(v))
        {
            throw Error(index, $"expected a number, found '{s}'");
        }

        if (v < 0)
        {
            throw Error(index, $"expected a non-negative number, found '{s}'");
        }

        return v;
    }

    /// <summary>Whether every field of the line is a number (and there is at least one).</summary>
    public static bool IsNumericRow(string line, out int count)
    {
        var f = Fields(line);
        count = f.Length;
        return f.Length > 0 && f.All(x => TryNumber(x, out _));
    }
}
