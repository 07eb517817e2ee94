using Motiflens.IO;

namespace Motiflens.Genomics.Motifs;

/// <summary>
/// Reads motif files in any supported <see cref="MotifFormat"/> (plain or gzip), detecting the format from
/// the content. Every problem is an <see cref="InputException"/> naming the file and line.
/// </summary>
public static class MotifReader
{
    /// <summary>Reads every motif of the file at <paramref name="path"/>.</summary>
    /// <param name="path">A MEME, JASPAR, PFM, HOMER, TRANSFAC or ENCODE motif file (optionally .gz).</param>
    /// <param name="format">The format, or <see cref="MotifFormat.Auto"/> to detect it.</param>
    /// <param name="pseudocount">Added to each base's count when a format stores counts (JASPAR, PFM, TRANSFAC).</param>
    public static IReadOnlyList<PositionWeightMatrix> Read(string path, MotifFormat format = MotifFormat.Auto, double pseudocount = 0)
    {
        var text = MotifText.Load(path);
        var id = Path.GetFileName(path);
        int dot = id.IndexOf('.', StringComparison.Ordinal);
        return Parse(text, format, pseudocount, dot > 0 ? id[..dot] : id);
    }

    /// <summary>Parses motifs from <paramref name="content"/>; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<PositionWeightMatrix> Parse(string content, string source, MotifFormat format = MotifFormat.Auto, double pseudocount = 0) =>
        Parse(MotifText.FromString(content, source), format, pseudocount, "motif");

    private static List<PositionWeightMatrix> Parse(MotifText text, MotifFormat format, double pseudocount, string fallbackId)
    {
        if (format == MotifFormat.Auto)
        {
            format = Detect(text.Lines) ?? throw new InputException(
                text.Source,
                0,
                "unrecognised motif format (expected MEME, JASPAR, PFM, HOMER, TRANSFAC or ENCODE motif text)");
        }

        var motifs = format switch
        {
            MotifFormat.Meme => MemeFormat.Parse(text),
            MotifFormat.Jaspar => HeaderedFormats.ParseJaspar(text, pseudocount),
            MotifFormat.Pfm => HeaderedFormats.ParsePfm(text, pseudocount, fallbackId),
            MotifFormat.Homer => HeaderedFormats.ParseHomer(text),
            MotifFormat.Encode => HeaderedFormats.ParseEncode(text),
            MotifFormat.Transfac => TransfacFormat.Parse(text, pseudocount),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        if (motifs.Count == 0)
        {
            throw new InputException(text.Source, 0, $"no motifs found ({format} format)");
        }

        return motifs;
    }

    /// <summary>The format of motif text, judged from its first lines; null when none fits.</summary>
    public static MotifFormat? Detect(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        string? first = null;
        string? second = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("MEME version", StringComparison.Ordinal))
            {
                return MotifFormat.Meme;
            }

            if (first is null)
            {
                first = line;
            }
            else if (second is null)
            {
                second = line;
                break;
            }
        }

        if (first is null)
        {
            return null;
        }

        var tag = MotifText.Fields(first)[0];
        if (tag is "AC" or "ID" or "NA" or "P0" or "PO" or "VV" or "XX" or "DE")
        {
            return MotifFormat.Transfac;
        }

        if (!first.StartsWith('>'))
        {
            return MotifText.IsNumericRow(first, out _) ? MotifFormat.Pfm : null;
        }

        if (second is null)
        {
            return null;
        }

        if (second.Contains('[', StringComparison.Ordinal))
        {
            return MotifFormat.Jaspar;
        }

        var f = MotifText.Fields(second);
        if (f.Length == 5 && f[0].Length == 1 && !MotifText.TryNumber(f[0], out _) && Alphabet.CodeOf(f[0][0]) != Alphabet.Invalid)
        {
            return MotifFormat.Encode;
        }

        if (MotifText.IsNumericRow(second, out int count))
        {
            // HOMER rows are probabilities of one position (4 values summing to 1); PFM rows are counts of one base.
            if (count == 4 && Math.Abs(f.Sum(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)) - 1) < 0.1)
            {
                return MotifFormat.Homer;
            }

            return MotifFormat.Pfm;
        }

        return null;
    }

    /// <summary>
    /// The motifs named <paramref name="names"/> (matching id or name, case-insensitive), in that order;
    /// an unknown name is an <see cref="InputException"/> naming <paramref name="source"/>.
    /// </summary>
    public static IReadOnlyList<PositionWeightMatrix> Select(IReadOnlyList<PositionWeightMatrix> motifs, IEnumerable<string> names, string source)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        ArgumentNullException.ThrowIfNull(names);
        var result = new List<PositionWeightMatrix>();
        foreach (var n in names)
        {
            var m = motifs.FirstOrDefault(x => string.Equals(x.Id, n, StringComparison.OrdinalIgnoreCase))
                ?? motifs.FirstOrDefault(x => x.Matches(n))
                ?? throw new InputException(source, n, $"no motif with this id or name (file has {motifs.Count} motifs, e.g. {string.Join(", ", motifs.Take(3).Select(x => x.Id))})");
            result.Add(m);
        }

        return result;
    }
}
