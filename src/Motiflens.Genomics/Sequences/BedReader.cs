using System.Globalization;
using Motiflens.IO;

namespace Motiflens.Genomics.Sequences;

/// <summary>
/// Reads BED files (3 or more tab- or space-separated columns: chrom, start, end, ...; plain or gzip).
/// <c>track</c>, <c>browser</c> and <c>#</c> lines are skipped; a narrowPeak summit (column 10) is kept.
/// Errors name the file and line.
/// </summary>
public static class BedReader
{
    public static IReadOnlyList<BedInterval> Read(string path)
    {
        var result = new List<BedInterval>();
        using var s = InputFile.Open(path);
        using var reader = new StreamReader(s);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var t = text.Trim();
            if (t.Length == 0 || t.StartsWith('#') || t.StartsWith("track", StringComparison.Ordinal) || t.StartsWith("browser", StringComparison.Ordinal))
            {
                continue;
            }

            var f = t.Split(t.Contains('\t', StringComparison.Ordinal) ? ['\t'] : [' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3)
            {
                throw new InputException(path, line, $"expected at least 3 columns (chrom, start, end), found {f.Length}");
            }

            if (!long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out long start))
            {
                throw new InputException(path, line, $"start must be a non-negative integer, found '{f[1]}'");
            }

            if (!long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long end))
            {
                throw new InputException(path, line, $"end must be a non-negative integer, found '{f[2]}'");
            }

            if (start > end)
            {
                throw new InputException(path, line, $"start {start} is greater than end {end}");
            }

            // narrowPeak (10 columns): the summit offset, -1 when unknown.
            long? summit = null;
            if (f.Length >= 10 && f[9] != "-1")
            {
                if (!long.TryParse(f[9], NumberStyles.None, CultureInfo.InvariantCulture, out long offset) || start + offset >= Math.Max(end, start + 1))
                {
                    throw new InputException(path, line, $"narrowPeak summit (column 10) must be -1 or an offset inside the peak (0..{Math.Max(0, end - start - 1)}), found '{f[9]}'");
                }

                summit = offset;
            }

            result.Add(new BedInterval(f[0], start, end, f.Length > 3 ? f[3] : null, line, summit));
        }

        return result;
    }
}
