using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Motiflens.IO;

namespace Motiflens.Genomics.Sequences;

/// <summary>
/// Random access to an uncompressed genome FASTA through its samtools-style <c>.fai</c> index: windows are
/// read by seeking, never by loading chromosomes. The index is read from <c>&lt;fasta&gt;.fai</c> or built
/// (and saved there when the folder is writable).
/// </summary>
public sealed class IndexedGenome : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, FastaIndexEntry> _byName;

    private IndexedGenome(string path, SafeFileHandle handle, IReadOnlyList<FastaIndexEntry> entries)
    {
        Path = path;
        _handle = handle;
        Entries = entries;
        _byName = new Dictionary<string, FastaIndexEntry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            _byName.TryAdd(e.Name, e);
        }
    }

    public string Path { get; }

    /// <summary>The sequences in file order.</summary>
    public IReadOnlyList<FastaIndexEntry> Entries { get; }

    /// <summary>Opens <paramref name="path"/>, reading or creating its .fai index.</summary>
    public static IndexedGenome Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "file not found");
        }

        if (InputFile.IsGzip(path))
        {
            throw new InputException(path, 0, "a genome FASTA must be uncompressed for random access (gunzip it first)");
        }

        var fai = path + ".fai";
        IReadOnlyList<FastaIndexEntry> entries;
        if (File.Exists(fai) && File.GetLastWriteTimeUtc(fai) >= File.GetLastWriteTimeUtc(path))
        {
            entries = ReadIndex(fai);
        }
        else
        {
            entries = BuildIndex(path);
            TryWriteIndex(fai, entries);
        }

        return new IndexedGenome(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read), entries);
    }

    public bool Contains(string chrom) => _byName.ContainsKey(chrom);

    /// <summary>The length of <paramref name="chrom"/>, or -1 when the genome has no such sequence.</summary>
    public long LengthOf(string chrom) => _byName.TryGetValue(chrom, out var e) ? e.Length : -1;

    /// <summary>
    /// The codes of [<paramref name="start"/>, <paramref name="end"/>) on <paramref name="chrom"/>; positions
    /// outside the chromosome are N. Thread-safe.
    /// </summary>
    public byte[] Fetch(string chrom, long start, long end)
    {
        if (!_byName.TryGetValue(chrom, out var e))
        {
            throw new InputException(Path, chrom, "no such sequence in the genome");
        }

        if (end < start)
        {
            throw new ArgumentException($"end {end} < start {start}");
        }

        var result = new byte[end - start];
        Array.Fill(result, Alphabet.N);
        long s = Math.Max(0, start), t = Math.Min(e.Length, end);
        if (t <= s)
        {
            return result;
        }

        long first = ByteOffset(e, s);
        long last = ByteOffset(e, t - 1);
        var raw = new byte[last - first + 1];
        int read = 0;
        while (read < raw.Length)
        {
            int n = RandomAccess.Read(_handle, raw.AsSpan(read), first + read);
            if (n == 0)
            {
                throw new InputException(Path, 0, $"file is shorter than its .fai index says (reading {chrom}); delete {Path}.fai to rebuild it");
            }

            read += n;
        }

        int o = (int)(s - start);
        var table = Alphabet.CodeTable;
        foreach (byte b in raw)
        {
            if (b is (byte)'\n' or (byte)'\r')
            {
                continue;
            }

            byte c = table[b];
            if (c == Alphabet.Invalid)
            {
                throw new InputException(Path, string.Create(CultureInfo.InvariantCulture, $"{chrom}:{start + o + 1}"), $"'{(char)b}' is not an IUPAC nucleotide letter (or the .fai index is stale: delete {Path}.fai)");
            }

            result[o++] = c;
        }

        if (o != t - start)
        {
            throw new InputException(Path, chrom, $"line layout differs from the .fai index; delete {Path}.fai to rebuild it");
        }

        return result;
    }

    private static long ByteOffset(FastaIndexEntry e, long position) =>
        e.Offset + (position / e.LineBases * e.LineWidth) + (position % e.LineBases);

    /// <summary>Reads a .fai file (name, length, offset, line bases, line width per line).</summary>
    public static IReadOnlyList<FastaIndexEntry> ReadIndex(string faiPath)
    {
        var entries = new List<FastaIndexEntry>();
        long line = 0;
        foreach (var text in File.ReadLines(faiPath))
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var f = text.Split('\t');
            if (f.Length < 5
                || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out long length)
                || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long offset)
                || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out int bases)
                || !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
                || (length > 0 && (bases <= 0 || width < bases)))
            {
                throw new InputException(faiPath, line, "expected 'name<TAB>length<TAB>offset<TAB>linebases<TAB>linewidth'");
            }

            entries.Add(new FastaIndexEntry(f[0], length, offset, Math.Max(bases, 1), Math.Max(width, 1)));
        }

        return entries;
    }

    /// <summary>Builds the index of an uncompressed FASTA in one streaming pass (every full line of a record must have the same length).</summary>
    public static IReadOnlyList<FastaIndexEntry> BuildIndex(string path)
    {
        var entries = new List<FastaIndexEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int pos = 0, end = 0;
        long bufferOffset = 0; // file offset of buffer[0]
        long lineNumber = 0;
        bool eof = false;

        string? name = null;
        long nameLine = 0, length = 0, offset = 0;
        int lineBases = 0, lineWidth = 0;
        bool sawShortLine = false;
        long shortLineNumber = 0;

        while (true)
        {
            int nl = buffer.AsSpan(pos, end - pos).IndexOf((byte)'\n');
            if (nl < 0 && !eof)
            {
                // Make room and read more; grow for lines longer than the buffer (unwrapped chromosomes).
                int rest = end - pos;
                if (pos == 0 && rest == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                }
                else
                {
                    Buffer.BlockCopy(buffer, pos, buffer, 0, rest);
                    bufferOffset += pos;
                    pos = 0;
                    end = rest;
                }

                int n = fs.Read(buffer, end, buffer.Length - end);
                if (n == 0)
                {
                    eof = true;
                }

                end += n;
                continue;
            }

            if (nl < 0 && pos >= end)
            {
                break;
            }

            int contentLength = nl < 0 ? end - pos : nl;
            int width = nl < 0 ? contentLength : contentLength + 1;
            var content = buffer.AsSpan(pos, contentLength);
            long lineStart = bufferOffset + pos;
            lineNumber++;
            int bases = content.Length > 0 && content[^1] == (byte)'\r' ? content.Length - 1 : content.Length;

            if (content.Length > 0 && content[0] == (byte)'>')
            {
                Flush();
                var header = Encoding.UTF8.GetString(content[1..]).Trim();
                int ws = header.IndexOfAny([' ', '\t']);
                name = ws < 0 ? header : header[..ws];
                nameLine = lineNumber;
                length = 0;
                offset = lineStart + width;
                lineBases = lineWidth = 0;
                sawShortLine = false;
            }
            else if (bases > 0)
            {
                if (name is null)
                {
                    throw new InputException(path, lineNumber, "expected a '>' header line before sequence data");
                }

                if (sawShortLine)
                {
                    throw new InputException(path, shortLineNumber, $"record '{name}' has lines of different lengths; it cannot be indexed (reformat it, e.g. with samtools faidx or seqkit seq -w 60)");
                }

                if (lineBases == 0)
                {
                    lineBases = bases;
                    lineWidth = width;
                }
                else if (bases != lineBases || (nl >= 0 && width != lineWidth))
                {
                    if (bases > lineBases)
                    {
                        throw new InputException(path, lineNumber, $"record '{name}' has lines of different lengths; it cannot be indexed (reformat it, e.g. with samtools faidx or seqkit seq -w 60)");
                    }

                    sawShortLine = true;
                    shortLineNumber = lineNumber;
                }

                length += bases;
            }
            else if (name is not null && length > 0)
            {
                // A blank line ends the record's sequence; more sequence lines after it would be an error.
                sawShortLine = true;
                shortLineNumber = lineNumber;
            }

            pos += width;
            if (nl < 0)
            {
                break;
            }
        }

        Flush();
        return entries;

        void Flush()
        {
            if (name is null)
            {
                return;
            }

            if (!names.Add(name))
            {
                throw new InputException(path, nameLine, $"duplicate sequence name '{name}'");
            }

            entries.Add(new FastaIndexEntry(name, length, offset, Math.Max(lineBases, 1), Math.Max(lineWidth, 1)));
            name = null;
        }
    }

    private static void TryWriteIndex(string faiPath, IReadOnlyList<FastaIndexEntry> entries)
    {
        var sb = new StringBuilder();
        foreach (var e in entries)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{e.Name}\t{e.Length}\t{e.Offset}\t{e.LineBases}\t{e.LineWidth}\n");
        }

        try
        {
            AtomicFile.WriteAllText(faiPath, sb.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only genome folder is fine: the index is kept in memory for this run.
        }
    }

    public void Dispose() => _handle.Dispose();
}
