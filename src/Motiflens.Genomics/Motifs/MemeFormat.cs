using System.Globalization;
using System.Text;
using Motiflens.IO;

namespace Motiflens.Genomics.Motifs;

/// <summary>Reads and writes the MEME minimal motif format (version 4; version 5 files read too).</summary>
internal static class MemeFormat
{
    /// <summary>Largest deviation of a row sum from 1 that is still accepted (rounding in printed files).</summary>
    public const double RowSumTolerance = 0.02;

    public static List<PositionWeightMatrix> Parse(MotifText text)
    {
        var motifs = new List<PositionWeightMatrix>();
        var lines = text.Lines;
        bool sawVersion = false;
        string? id = null, name = null;
        int motifLine = -1;
        PositionWeightMatrix? current = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("MEME version", StringComparison.Ordinal))
            {
                sawVersion = true;
                continue;
            }

            if (line.StartsWith("ALPHABET", StringComparison.Ordinal))
            {
                CheckAlphabet(text, i, line, ref i);
                continue;
            }

            if (line.StartsWith("MOTIF", StringComparison.Ordinal))
            {
                Flush();
                var f = MotifText.Fields(line);
                if (f.Length < 2)
                {
                    throw text.Error(i, "expected 'MOTIF <id> [name]'");
                }

                id = f[1];
                name = f.Length > 2 ? f[2] : null;
                motifLine = i;
                continue;
            }

            if (line.StartsWith("letter-probability matrix", StringComparison.Ordinal))
            {
                if (id is null)
                {
                    throw text.Error(i, "'letter-probability matrix:' before any MOTIF line");
                }

                if (current is not null)
                {
                    throw text.Error(i, $"motif '{id}' has two letter-probability matrices");
                }

                current = ReadMatrix(text, ref i, id, name);
                continue;
            }

            if (line.StartsWith("log-odds matrix", StringComparison.Ordinal))
            {
                // The scoring matrix duplicates the probabilities; skip its numeric rows.
                while (i + 1 < lines.Length && MotifText.IsNumericRow(lines[i + 1], out _))
                {
                    i++;
                }

                continue;
            }

            if (line.StartsWith("URL", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    current = new PositionWeightMatrix(current.Id, current.Name, current.Probabilities, current.Sites, current.EValue, line[3..].Trim());
                }

                continue;
            }

            // strands:, Background letter frequencies and their values, and any other header text.
            if (line.StartsWith("strands", StringComparison.Ordinal) || line.StartsWith("Background", StringComparison.Ordinal))
            {
                continue;
            }

            if (!sawVersion)
            {
                throw text.Error(i, $"expected 'MEME version 4' before '{Shorten(line)}'");
            }
        }

        Flush();
        if (!sawVersion)
        {
            throw new InputException(text.Source, 0, "not a MEME motif file (no 'MEME version' line)");
        }

        return motifs;

        void Flush()
        {
            if (id is null)
            {
                return;
            }

            if (current is null)
            {
                throw text.Error(motifLine, $"motif '{id}' has no letter-probability matrix");
            }

            motifs.Add(current);
            current = null;
            id = null;
        }
    }

    private static void CheckAlphabet(MotifText text, int index, string line, ref int i)
    {
        int eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            var letters = line[(eq + 1)..].Trim();
            if (letters is not ("ACGT" or "ACGU"))
            {
                throw text.Error(index, $"unsupported alphabet '{letters}' (expected ACGT or ACGU)");
            }

            return;
        }

        // MEME 5 custom alphabet block: accept DNA/RNA-like ones and skip to END ALPHABET.
        if (!line.Contains("DNA", StringComparison.OrdinalIgnoreCase) && !line.Contains("RNA", StringComparison.OrdinalIgnoreCase))
        {
            throw text.Error(index, $"unsupported alphabet definition '{Shorten(line)}' (expected DNA or RNA)");
        }

        while (i + 1 < text.Lines.Length && !text.Lines[i].TrimStart().StartsWith("END ALPHABET", StringComparison.Ordinal))
        {
            i++;
        }
    }

    private static PositionWeightMatrix ReadMatrix(MotifText text, ref int i, string id, string? name)
    {
        int header = i;
        var attributes = ParseAttributes(text, header, text.Lines[header]);
        if (attributes.TryGetValue("alength", out var alength) && alength != 4)
        {
            throw text.Error(header, $"alength= {alength} but a DNA motif needs 4");
        }

        int? w = attributes.TryGetValue("w", out var wv) ? (int)wv : null;
        if (w is < 0 || (attributes.TryGetValue("w", out var wraw) && wraw != Math.Floor(wraw)))
        {
            throw text.Error(header, $"w= must be a non-negative integer");
        }

        var values = new List<double>();
        int rows = 0;
        var lines = text.Lines;
        while (i + 1 < lines.Length)
        {
            var next = lines[i + 1];
            if (!MotifText.IsNumericRow(next, out int count))
            {
                break;
            }

            if (w is not null && rows == w)
            {
                throw text.Error(header, $"w= {w} but the matrix has more rows (line {i + 2} is an extra row)");
            }

            i++;
            if (count != 4)
            {
                throw text.Error(i, $"expected 4 probabilities (A C G T), found {count}");
            }

            double sum = 0;
            foreach (var f in MotifText.Fields(next))
            {
                double v = text.Number(i, f);
                values.Add(v);
                sum += v;
            }

            if (Math.Abs(sum - 1) > RowSumTolerance)
            {
                throw text.Error(i, $"row of motif '{id}' sums to {sum.ToString("G6", CultureInfo.InvariantCulture)}, expected 1 (±{RowSumTolerance})");
            }

            rows++;
        }

        if (w is not null && rows != w)
        {
            throw text.Error(header, $"w= {w} but the matrix of motif '{id}' has {rows} rows");
        }

        if (rows == 0)
        {
            throw text.Error(header, $"motif '{id}' has an empty letter-probability matrix");
        }

        double? nsites = attributes.TryGetValue("nsites", out var n) ? n : null;
        double? e = attributes.TryGetValue("E", out var ev) ? ev : null;
        return new PositionWeightMatrix(id, name, values.ToArray(), nsites, e);
    }

    private static Dictionary<string, double> ParseAttributes(MotifText text, int index, string line)
    {
        // "letter-probability matrix: alength= 4 w= 11 nsites= 2000 E= 0" (also "w=11").
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        var rest = colon >= 0 ? line[(colon + 1)..] : string.Empty;
        var tokens = MotifText.Fields(rest.Replace("=", "= ", StringComparison.Ordinal));
        for (int t = 0; t + 1 < tokens.Length; t++)
        {
            if (tokens[t].EndsWith('='))
            {
                var key = tokens[t][..^1];
                if (!MotifText.TryNumber(tokens[t + 1], out var v))
                {
                    throw text.Error(index, $"expected a number after '{key}=', found '{tokens[t + 1]}'");
                }

                result[key] = v;
                t++;
            }
        }

        return result;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "..." : s;

    public static string Write(IEnumerable<PositionWeightMatrix> motifs)
    {
        var sb = new StringBuilder();
        sb.Append("MEME version 4\n\nALPHABET= ACGT\n\nstrands: + -\n\nBackground letter frequencies\nA 0.25000 C 0.25000 G 0.25000 T 0.25000\n\n");
        var ci = CultureInfo.InvariantCulture;
        foreach (var m in motifs)
        {
            sb.Append("MOTIF ").Append(m.Id);
            if (m.Name != m.Id)
            {
                sb.Append(' ').Append(m.Name);
            }

            sb.Append("\n\nletter-probability matrix: alength= 4 w= ").Append(m.Width.ToString(ci))
              .Append(" nsites= ").Append((m.Sites ?? 20).ToString("0.###", ci))
              .Append(" E= ").Append((m.EValue ?? 0).ToString("G6", ci)).Append('\n');
            for (int i = 0; i < m.Width; i++)
            {
                var row = m.Row(i);
                for (int a = 0; a < 4; a++)
                {
                    sb.Append("  ").Append(row[a].ToString("0.000000", ci)).Append(a < 3 ? '\t' : '\n');
                }
            }

            sb.Append('\n');
            if (m.Url is not null)
            {
                sb.Append("URL ").Append(m.Url).Append("\n\n");
            }
        }

        return sb.ToString();
    }
}
