using System.Globalization;

namespace Motiflens.IO;

/// <summary>Parses the Python dict literal of a .npy header (descr, fortran_order, shape).</summary>
internal static class NpyHeaderParser
{
    internal static (string Descr, bool Fortran, int[] Shape) Parse(string header, string source)
    {
        // The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        int i = header.IndexOf('{', StringComparison.Ordinal);
        if (i < 0)
        {
            throw new InputException(source, 0, "malformed .npy header (no dict)");
        }

        i++;
        while (i < header.Length)
        {
            SkipWs(header, ref i);
            if (i >= header.Length || header[i] == '}')
            {
                break;
            }

            var key = ReadPyString(header, ref i, source);
            SkipWs(header, ref i);
            Expect(header, ref i, ':', source);
            SkipWs(header, ref i);
            switch (key)
            {
                case "descr":
                    if (i < header.Length && header[i] == '[')
                    {
                        throw new InputException(source, 0, "structured (record) dtypes are not supported");
                    }

                    descr = ReadPyString(header, ref i, source);
                    break;
                case "fortran_order":
                    if (string.CompareOrdinal(header, i, "True", 0, 4) == 0)
                    {
                        fortran = true;
                        i += 4;
                    }
                    else if (string.CompareOrdinal(header, i, "False", 0, 5) == 0)
                    {
                        fortran = false;
                        i += 5;
                    }
                    else
                    {
                        throw new InputException(source, 0, "malformed .npy header (fortran_order)");
                    }

                    break;
                case "shape":
                    shape = ReadShape(header, ref i, source);
                    break;
                default:
                    throw new InputException(source, 0, $"malformed .npy header (unknown key '{key}')");
            }

            SkipWs(header, ref i);
            if (i < header.Length && header[i] == ',')
            {
                i++;
            }
        }

        if (descr is null || fortran is null || shape is null)
        {
            throw new InputException(source, 0, "malformed .npy header (needs descr, fortran_order and shape)");
        }

        return (descr, fortran.Value, shape);
    }

    private static int[] ReadShape(string h, ref int i, string source)
    {
        Expect(h, ref i, '(', source);
        var dims = new List<int>();
        while (true)
        {
            SkipWs(h, ref i);
            if (i >= h.Length)
            {
                throw new InputException(source, 0, "malformed .npy header (shape)");
            }

            if (h[i] == ')')
            {
                i++;
                break;
            }

            int start = i;
            while (i < h.Length && char.IsDigit(h[i]))
            {
                i++;
            }

            if (i < h.Length && h[i] == 'L')
            {
                i++; // Python 2 long suffix
            }

            if (!int.TryParse(h.AsSpan(start, i - start).TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            {
                throw new InputException(source, 0, "malformed .npy header (shape)");
            }

            dims.Add(d);
            SkipWs(h, ref i);
            if (i < h.Length && h[i] == ',')
            {
                i++;
            }
        }

        return dims.ToArray();
    }

    private static string ReadPyString(string h, ref int i, string source)
    {
        if (i >= h.Length || (h[i] != '\'' && h[i] != '"'))
        {
            throw new InputException(source, 0, "malformed .npy header (expected a string)");
        }

        char q = h[i++];
        int start = i;
        while (i < h.Length && h[i] != q)
        {
            i++;
        }

        if (i >= h.Length)
        {
            throw new InputException(source, 0, "malformed .npy header (unterminated string)");
        }

        return h[start..i++];
    }

    private static void Expect(string h, ref int i, char c, string source)
    {
        if (i >= h.Length || h[i] != c)
        {
            throw new InputException(source, 0, $"malformed .npy header (expected '{c}')");
        }

        i++;
    }

    private static void SkipWs(string h, ref int i)
    {
        while (i < h.Length && char.IsWhiteSpace(h[i]))
        {
            i++;
        }
    }
}
