using System.Runtime.CompilerServices;
using System.Text;
using Motiflens.IO;

namespace Motiflens.Genomics.Sequences;

/// <summary>
/// Streams FASTA records (plain or gzip) one at a time: multi-line records, any line width, LF or CRLF.
/// The file is never loaded whole; bytes go through <see cref="Alphabet.CodeTable"/> straight into the
/// record's code buffer. Errors name the file and line: text before the first header, a header with no
/// sequence, a character outside the IUPAC nucleotide alphabet.
/// </summary>
public sealed class FastaReader : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly Stream _stream;
    private readonly string _source;
    private readonly FastaReadOptions _options;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _pos;
    private int _end;
    private bool _eof;
    private long _line = 1;
    private byte[] _seq = new byte[1 << 12];
    private int _seqLength;

    // The header of the record being read, kept until the record is complete.
    private string? _pendingName;
    private string _pendingDescription = string.Empty;
    private long _pendingLine;

    /// <summary>Reads from <paramref name="stream"/> (owned and disposed by the reader); <paramref name="source"/> names it in errors.</summary>
    public FastaReader(Stream stream, string source, FastaReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _source = source;
        _options = options ?? FastaReadOptions.Default;
    }

    /// <summary>Opens a FASTA or FASTA.gz file.</summary>
    public static FastaReader Open(string path, FastaReadOptions? options = null) => new(InputFile.Open(path), path, options);

    /// <summary>Streams every record of the file at <paramref name="path"/>.</summary>
    public static IEnumerable<FastaRecord> ReadAll(string path, FastaReadOptions? options = null)
    {
        using var reader = Open(path, options);
        while (reader.Read() is { } record)
        {
            yield return record;
        }
    }

    /// <summary>The next record, or null at the end of the input.</summary>
    public FastaRecord? Read()
    {
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                return _pendingName is null ? null : Complete();
            }

            if (_buffer[_pos] == (byte)'>')
            {
                var previous = _pendingName is null ? null : Complete();
                ReadHeader();
                if (previous is not null)
                {
                    return previous;
                }

                continue;
            }

            byte first = _buffer[_pos];
            if (first == (byte)'\n')
            {
                _pos++;
                _line++;
                continue;
            }

            if (_pendingName is null && first is (byte)'\r' or (byte)' ' or (byte)'\t')
            {
                _pos++; // blank space before the first header
                continue;
            }

            ReadSequenceLine();
        }
    }

    private FastaRecord Complete()
    {
        if (_seqLength == 0 && !_options.AllowEmpty)
        {
            throw new InputException(_source, _pendingLine, $"record '{_pendingName}' has a header but no sequence");
        }

        var record = new FastaRecord(_pendingName!, _pendingDescription, _seq.AsSpan(0, _seqLength).ToArray(), _pendingLine);
        _pendingName = null;
        _seqLength = 0;
        return record;
    }

    private void ReadHeader()
    {
        _pos++; // '>'
        var header = new List<byte>(128);
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                break;
            }

            var span = _buffer.AsSpan(_pos, _end - _pos);
            int nl = span.IndexOf((byte)'\n');
            if (nl < 0)
            {
                header.AddRange(span);
                _pos = _end;
                continue;
            }

            header.AddRange(span[..nl]);
            _pos += nl + 1;
            break;
        }

        var text = Encoding.UTF8.GetString(header.ToArray()).TrimEnd('\r').Trim();
        int ws = text.IndexOfAny([' ', '\t']);
        _pendingName = ws < 0 ? text : text[..ws];
        _pendingDescription = ws < 0 ? string.Empty : text[(ws + 1)..].Trim();
        _pendingLine = _line;
        if (_pendingName.Length == 0)
        {
            throw new InputException(_source, _line, "empty FASTA header (expected '>name')");
        }

        _line++;
    }

    /// <summary>Encodes one sequence line (possibly spread over several buffer fills).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadSequenceLine()
    {
        if (_pendingName is null)
        {
            throw new InputException(_source, _line, $"expected a '>' header line before sequence data, found '{Preview()}'");
        }

        int column = 1;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                return;
            }

            var span = _buffer.AsSpan(_pos, _end - _pos);
            int nl = span.IndexOf((byte)'\n');
            bool lineEnds = nl >= 0;
            var chunk = lineEnds ? span[..nl] : span;
            if (!lineEnds && chunk.Length > 0 && chunk[^1] == (byte)'\r' && !_eof)
            {
                // A CR at the buffer's end may be half of a CRLF; leave it for the next fill.
                chunk = chunk[..^1];
                if (chunk.Length == 0)
                {
                    Compact();
                    if (!Fill())
                    {
                        return;
                    }

                    continue;
                }
            }

            Append(chunk, column);
            column += chunk.Length;
            _pos += chunk.Length;
            if (lineEnds)
            {
                _pos++;
                _line++;
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<byte> chunk, int column)
    {
        EnsureCapacity(_seqLength + chunk.Length);
        var dest = _seq.AsSpan(_seqLength, chunk.Length);
        int bad = Alphabet.Encode(chunk, dest, _options.RejectAmbiguous);
        if (bad < 0)
        {
            _seqLength += chunk.Length;
            return;
        }

        // Rare path: skip whitespace (trailing blanks, CR), report anything else.
        int written = _seqLength;
        for (int i = 0; i < chunk.Length; i++)
        {
            byte b = chunk[i];
            byte c = Alphabet.CodeTable[b];
            if (c == Alphabet.Invalid || (_options.RejectAmbiguous && c == Alphabet.N))
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r')
                {
                    continue;
                }

                string what = c == Alphabet.N
                    ? "an ambiguous base (N or IUPAC code) but ambiguous bases were rejected"
                    : "not an IUPAC nucleotide letter";
                string shown = b is >= 32 and < 127 ? ((char)b).ToString() : $"\\x{b:X2}";
                throw new InputException(_source, _line, $"'{shown}' at column {column + i} of record '{_pendingName}' is {what}");
            }

            _seq[written++] = c;
        }

        _seqLength = written;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _seq.Length)
        {
            long size = Math.Max(needed, (long)_seq.Length * 2);
            Array.Resize(ref _seq, (int)Math.Min(size, Array.MaxLength));
        }
    }

    private string Preview()
    {
        var span = _buffer.AsSpan(_pos, Math.Min(20, _end - _pos));
        int nl = span.IndexOfAny((byte)'\n', (byte)'\r');
        return Encoding.UTF8.GetString(nl >= 0 ? span[..nl] : span);
    }

    private void Compact()
    {
        int rest = _end - _pos;
        Buffer.BlockCopy(_buffer, _pos, _buffer, 0, rest);
        _pos = 0;
        _end = rest;
    }

    /// <summary>Reads more bytes after the unread ones; false when nothing new arrived.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return _pos < _end;
        }

        if (_pos > 0)
        {
            Compact();
        }

        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
        return n > 0;
    }

    public void Dispose() => _stream.Dispose();
}
