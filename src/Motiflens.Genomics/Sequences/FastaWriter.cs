using System.IO.Compression;
using System.Text;
using Motiflens.IO;

namespace Motiflens.Genomics.Sequences;

/// <summary>Writes FASTA records with a fixed line width (default 60); gzip when the path ends in ".gz".</summary>
public sealed class FastaWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly int _lineWidth;
    private byte[] _line = [];

    /// <summary>Writes to <paramref name="stream"/> (not disposed); <paramref name="lineWidth"/> ≤ 0 writes each sequence on one line.</summary>
    public FastaWriter(Stream stream, int lineWidth = 60)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _lineWidth = lineWidth;
    }

    public void Write(FastaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var header = record.Description.Length > 0 ? $">{record.Name} {record.Description}\n" : $">{record.Name}\n";
        _stream.Write(Encoding.UTF8.GetBytes(header));
        int width = _lineWidth > 0 ? _lineWidth : Math.Max(1, record.Codes.Length);
        if (_line.Length < width + 1)
        {
            _line = new byte[width + 1];
        }

        for (int start = 0; start < record.Codes.Length; start += width)
        {
            int n = Math.Min(width, record.Codes.Length - start);
            for (int i = 0; i < n; i++)
            {
                _line[i] = (byte)Alphabet.LetterOf(record.Codes[start + i]);
            }

            _line[n] = (byte)'\n';
            _stream.Write(_line, 0, n + 1);
        }
    }

    /// <summary>Writes <paramref name="records"/> to <paramref name="path"/> atomically (gzip for ".gz").</summary>
    public static void WriteFile(string path, IEnumerable<FastaRecord> records, int lineWidth = 60)
    {
        ArgumentNullException.ThrowIfNull(records);
        AtomicFile.Write(path, s =>
        {
            Stream target = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)
                : s;
            try
            {
                // Not disposed: that would close the atomic writer's stream before it is flushed.
                var buffered = new BufferedStream(target, 1 << 16);
                var writer = new FastaWriter(buffered, lineWidth);
                foreach (var r in records)
                {
                    writer.Write(r);
                }

                buffered.Flush();
            }
            finally
            {
                if (!ReferenceEquals(target, s))
                {
                    target.Dispose();
                }
            }
        });
    }

    public void Dispose() => _stream.Flush();
}
