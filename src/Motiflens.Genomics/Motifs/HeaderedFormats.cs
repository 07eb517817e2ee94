namespace Motiflens.Genomics.Motifs;

/// <summary>
/// Parsers of the formats whose motifs start with a '>' header line: JASPAR (bracketed counts), plain
/// PFM, HOMER and ENCODE.
/// </summary>
internal static class HeaderedFormats
{
    /// <summary>A '>' header and the non-blank lines up to the next header.</summary>
    internal sealed record Block(int HeaderIndex, string Header, List<int> Rows);

    public static List<Block> Blocks(MotifText text)
    {
        var blocks = new List<Block>();
        Block? current = null;
        for (int i = 0; i < text.Lines.Length; i++)
        {
            var line = text.Lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('>'))
            {
                current = new Block(i, line[1..].Trim(), []);
                blocks.Add(current);
                continue;
            }

            if (current is null)
            {
                throw text.Error(i, $"expected a '>' motif header, found '{Shorten(line)}'");
            }

            current.Rows.Add(i);
        }

        return blocks;
    }

    private static (string Id, string? Name) IdAndName(string header)
    {
        var f = MotifText.Fields(header);
        return f.Length switch
        {
            0 => (string.Empty, null),
            1 => (f[0], null),
            _ => (f[0], f[1]),
        };
    }

    public static List<PositionWeightMatrix> ParseJaspar(MotifText text, double pseudocount)
    {
        var result = new List<PositionWeightMatrix>();
        foreach (var b in Blocks(text))
        {
            var (id, name) = IdAndName(b.Header);
            CheckId(text, b, id);
            var rows = new double[4][];
            foreach (var r in b.Rows)
            {
                var line = text.Lines[r].Trim();
                int open = line.IndexOf('[', StringComparison.Ordinal);
                int close = line.LastIndexOf(']');
                if (open < 0 || close < open)
                {
                    throw text.Error(r, $"expected a JASPAR row like 'A [ 1 2 3 ]', found '{Shorten(line)}'");
                }

                var letter = line[..open].Trim().ToUpperInvariant();
                int code = letter.Length == 1 ? Alphabet.CodeOf(letter[0]) : Alphabet.Invalid;
                if (code >= Alphabet.N)
                {
                    throw text.Error(r, $"expected a row label A, C, G or T, found '{letter}'");
                }

                if (rows[code] is not null)
                {
                    throw text.Error(r, $"duplicate row '{letter}' in motif '{id}'");
                }

                rows[code] = MotifText.Fields(line[(open + 1)..close]).Select(f => text.Number(r, f)).ToArray();
            }

            result.Add(FromBaseRows(text, b, id, name, rows, pseudocount));
        }

        return result;
    }

    public static List<PositionWeightMatrix> ParsePfm(MotifText text, double pseudocount, string fallbackId)
    {
        var result = new List<PositionWeightMatrix>();
        if (!text.Lines.Any(l => l.TrimStart().StartsWith('>')))
        {
            text = WithHeader(text, fallbackId);
        }

        foreach (var b in Blocks(text))
        {
            var (id, name) = IdAndName(b.Header);
            CheckId(text, b, id);
            var values = b.Rows.Select(r => MotifText.Fields(text.Lines[r]).Select(f => text.Number(r, f)).ToArray()).ToList();
            if (values.Count == 4 && values.All(v => v.Length == values[0].Length))
            {
                result.Add(FromBaseRows(text, b, id, name, values.ToArray(), pseudocount));
            }
            else if (values.Count > 0 && values.All(v => v.Length == 4))
            {
                result.Add(PositionWeightMatrix.FromCounts(id, name, values.SelectMany(v => v).ToArray(), pseudocount));
            }
            else
            {
                throw text.Error(b.HeaderIndex, $"motif '{id}': expected 4 rows of counts (A, C, G, T) of equal length, or rows of 4 counts");
            }
        }

        return result;
    }

    private static MotifText WithHeader(MotifText text, string id)
    {
        // A bare PFM has no header: prepend a virtual one and shift line numbers back so errors match the file.
        var lines = new string[text.Lines.Length + 1];
        lines[0] = ">" + id;
        Array.Copy(text.Lines, 0, lines, 1, text.Lines.Length);
        return new MotifText(text.Source, lines, lineOffset: -1);
    }

    public static List<PositionWeightMatrix> ParseHomer(MotifText text)
    {
        var result = new List<PositionWeightMatrix>();
        foreach (var b in Blocks(text))
        {
            // ">CONSENSUS\tname\tlog-odds threshold\t..." — the name is the second tab-separated field.
            var fields = b.Header.Split('\t');
            string id = fields.Length > 1 && fields[1].Trim().Length > 0 ? fields[1].Trim() : fields[0].Trim();
            CheckId(text, b, id);
            var p = new List<double>();
            foreach (var r in b.Rows)
            {
                var f = MotifText.Fields(text.Lines[r]);
                if (f.Length != 4)
                {
                    throw text.Error(r, $"expected 4 probabilities (A C G T), found {f.Length} fields");
                }

                p.AddRange(f.Select(x => text.Number(r, x)));
                CheckRow(text, r, p.TakeLast(4).Sum());
            }

            result.Add(NonEmpty(text, b, id, null, p));
        }

        return result;
    }

    public static List<PositionWeightMatrix> ParseEncode(MotifText text)
    {
        var result = new List<PositionWeightMatrix>();
        foreach (var b in Blocks(text))
        {
            var (id, _) = IdAndName(b.Header);
            CheckId(text, b, id);
            var p = new List<double>();
            foreach (var r in b.Rows)
            {
                var f = MotifText.Fields(text.Lines[r]);
                if (f.Length != 5 || f[0].Length != 1 || Alphabet.CodeOf(f[0][0]) == Alphabet.Invalid)
                {
                    throw text.Error(r, $"expected '<IUPAC letter> pA pC pG pT', found '{Shorten(text.Lines[r].Trim())}'");
                }

                p.AddRange(f.Skip(1).Select(x => text.Number(r, x)));
                CheckRow(text, r, p.TakeLast(4).Sum());
            }

            // ENCODE ids (MYC_known1) are the unique handle; the other header fields are free text.
            result.Add(NonEmpty(text, b, id, null, p));
        }

        return result;
    }

    private static void CheckRow(MotifText text, int r, double sum)
    {
        // Probability rows in these formats are printed with few decimals; only catch clear mistakes.
        if (Math.Abs(sum - 1) > 0.1)
        {
            throw text.Error(r, $"probabilities sum to {sum:G6}, expected 1");
        }
    }

    private static PositionWeightMatrix NonEmpty(MotifText text, Block b, string id, string? name, List<double> p) =>
        p.Count == 0 ? throw text.Error(b.HeaderIndex, $"motif '{id}' has no rows") : new PositionWeightMatrix(id, name, p.ToArray());

    private static void CheckId(MotifText text, Block b, string id)
    {
        if (id.Length == 0)
        {
            throw text.Error(b.HeaderIndex, "empty motif header (expected '>id [name]')");
        }
    }

    private static PositionWeightMatrix FromBaseRows(MotifText text, Block b, string id, string? name, double[][] rows, double pseudocount)
    {
        for (int a = 0; a < 4; a++)
        {
            if (rows[a] is null)
            {
                throw text.Error(b.HeaderIndex, $"motif '{id}' lacks the {Alphabet.Letters[a]} row");
            }

            if (rows[a].Length != rows[0].Length)
            {
                throw text.Error(b.HeaderIndex, $"motif '{id}': the {Alphabet.Letters[a]} row has {rows[a].Length} columns, the A row {rows[0].Length}");
            }
        }

        int w = rows[0].Length;
        if (w == 0)
        {
            throw text.Error(b.HeaderIndex, $"motif '{id}' has no columns");
        }

        var counts = new double[w * 4];
        for (int i = 0; i < w; i++)
        {
            for (int a = 0; a < 4; a++)
            {
                counts[(i * 4) + a] = rows[a][i];
            }

            if (counts.AsSpan(i * 4, 4).ToArray().Sum() + (4 * pseudocount) <= 0)
            {
                throw text.Error(b.HeaderIndex, $"motif '{id}' column {i + 1} has no counts");
            }
        }

        return PositionWeightMatrix.FromCounts(id, name, counts, pseudocount);
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
