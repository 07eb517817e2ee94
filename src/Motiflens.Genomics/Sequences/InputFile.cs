using System.Buffers.Binary;
using System.IO.Compression;
using Motiflens.IO;

namespace Motiflens.Genomics.Sequences;

/// <summary>
/// Opens input files, plain or gzip-compressed (detected by the gzip magic bytes, not the extension).
/// A truncated or corrupt gzip file is an <see cref="InputException"/> when its end is reached: .NET's
/// GZipStream silently stops at a truncation, so the decompressed size is checked against the gzip
/// trailer (single-member files) or the BGZF block chain (bgzip files).
/// </summary>
public static class InputFile
{
    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing gzip transparently.</summary>
    public static Stream Open(string path)
    {
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, 0, "file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(path, 0, "permission denied");
        }

        if (!IsGzip(fs))
        {
            return fs;
        }

        try
        {
            var expected = ExpectedSize(fs, path);
            return new CheckedGzipStream(fs, path, expected);
        }
        catch
        {
            fs.Dispose();
            throw;
        }
    }

    /// <summary>Whether the file at <paramref name="path"/> starts with the gzip magic bytes.</summary>
    public static bool IsGzip(string path)
    {
        using var fs = File.OpenRead(path);
        return IsGzip(fs);
    }

    private static bool IsGzip(FileStream fs)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = fs.Read(magic);
        if (n < 2)
        {
            n += n == 1 ? fs.Read(magic[1..]) : 0;
        }

        fs.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>
    /// The decompressed size modulo 2^32 the file promises: for BGZF, the sum of the block sizes after
    /// walking the block chain; otherwise the trailer's ISIZE of a single-member file.
    /// </summary>
    private static uint ExpectedSize(FileStream fs, string path)
    {
        long length = fs.Length;
        if (length < 18)
        {
            throw new InputException(path, 0, "truncated gzip file (shorter than a gzip header and trailer)");
        }

        var head = new byte[18];
        fs.ReadExactly(head);
        fs.Position = 0;
        bool bgzf = (head[3] & 4) != 0 && head[12] == (byte)'B' && head[13] == (byte)'C';
        if (!bgzf)
        {
            var trailer = new byte[4];
            fs.Position = length - 4;
            fs.ReadExactly(trailer);
            fs.Position = 0;
            return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }

        // BGZF: each block's header stores its total size (BSIZE + 1); walking them finds truncation.
        uint total = 0;
        long offset = 0;
        var block = new byte[18];
        var tail = new byte[4];
        while (offset < length)
        {
            if (length - offset < 18)
            {
                throw new InputException(path, 0, $"truncated gzip (BGZF) file: incomplete block header at byte {offset}");
            }

            fs.Position = offset;
            fs.ReadExactly(block);
            if (block[0] != 0x1f || block[1] != 0x8b || block[12] != (byte)'B' || block[13] != (byte)'C')
            {
                throw new InputException(path, 0, $"corrupt gzip (BGZF) file: no block header at byte {offset}");
            }

            long size = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(16)) + 1L;
            if (offset + size > length)
            {
                throw new InputException(path, 0, $"truncated gzip (BGZF) file: block at byte {offset} needs {size} bytes, {length - offset} remain");
            }

            fs.Position = offset + size - 4;
            fs.ReadExactly(tail);
            total += BinaryPrimitives.ReadUInt32LittleEndian(tail);
            offset += size;
        }

        fs.Position = 0;
        return total;
    }

    private sealed class CheckedGzipStream(FileStream inner, string path, uint expected) : Stream
    {
        private readonly GZipStream _gzip = new(inner, CompressionMode.Decompress, leaveOpen: false);
        private long _produced;
        private bool _checked;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _produced;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = _gzip.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new InputException(path, 0, $"corrupt gzip data after {_produced} decompressed bytes: {ex.Message}");
            }

            _produced += n;
            if (n == 0 && buffer.Length > 0 && !_checked)
            {
                _checked = true;
                if ((uint)_produced != expected)
                {
                    throw new InputException(
                        path,
                        0,
                        $"truncated or corrupt gzip file: decompressed {_produced} bytes but the gzip trailer promises {expected} (mod 2^32); concatenated gzip files other than BGZF are not supported, decompress them first");
                }
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gzip.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
