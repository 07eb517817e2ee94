namespace Motiflens.Genomics.Motifs;

/// <summary>
/// Reads TRANSFAC-style matrix entries: <c>AC</c> (accession), <c>ID</c> (identifier), <c>NA</c> (name),
/// a <c>P0</c>/<c>PO</c> line naming the base columns, numbered rows of counts or probabilities, and
/// <c>XX</c>/<c>//</c> separators.
/// </summary>
internal static class TransfacFormat
{
    public static List<PositionWeightMatrix> Parse(MotifText text, double pseudocount)
    {
        var result = new List<PositionWeightMatrix>();
        string? ac = null, id = null, na = null;
        int[]? columns = null;
        int start = -1;
        var counts = new List<double>();
        for (int i = 0; i < text.Lines.Length; i++)
        {
            var line = text.Lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var f = MotifText.Fields(line);
            string tag = f[0];
            if (tag == "//")
            {
                Flush();
                continue;
            }

            if (tag is "P0" or "PO")
            {
                columns = new int[f.Length - 1];
                var seen = new bool[4];
                for (int c = 1; c < f.Length; c++)
                {
                    int code = f[c].Length == 1 ? Alphabet.CodeOf(f[c][0]) : Alphabet.Invalid;
                    if (code >= Alphabet.N || seen[code])
                    {
                        throw text.Error(i, $"expected column letters A, C, G, T after {tag}, found '{f[c]}'");
                    }

                    seen[code] = true;
                    columns[c - 1] = code;
                }

                if (columns.Length != 4)
                {
                    throw text.Error(i, $"expected 4 base columns after {tag}, found {columns.Length}");
                }

                start = i;
                continue;
            }

            if (columns is not null && f.Length >= 5 && int.TryParse(tag, out _))
            {
                var row = new double[4];
                for (int c = 0; c < 4; c++)
                {
                    row[columns[c]] = text.Number(i, f[c + 1]);
                }

                counts.AddRange(row);
                continue;
            }

            if (columns is not null && tag == "XX")
            {
                // The matrix ends at the first separator after it.
                Flush();
                continue;
            }

            switch (tag)
            {
                case "AC":
                    ac = f.Length > 1 ? f[1] : null;
                    break;
                case "ID":
                    id = f.Length > 1 ? f[1] : null;
                    break;
                case "NA":
                    na = f.Length > 1 ? f[1] : null;
                    break;
            }
        }

        Flush();
        return result;

        void Flush()
        {
            if (columns is null && counts.Count == 0)
            {
                return;
            }

            if (counts.Count == 0)
            {
                throw text.Error(start, $"matrix '{id ?? ac}' has no rows");
            }

            string key = ac ?? id ?? $"motif{result.Count + 1}";
            string? name = na ?? (ac is not null ? id : null);
            result.Add(PositionWeightMatrix.FromCounts(key, name, counts.ToArray(), pseudocount));
            counts.Clear();
            columns = null;
            ac = id = na = null;
        }
    }
}
