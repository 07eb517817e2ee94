using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Motiflens.IO;

/// <summary>
/// Reads and writes numpy's .npy format (versions 1.0, 2.0 and 3.0 on read; 1.0 or 2.0 on write).
/// Fortran-ordered input is converted to C order. Big-endian data, object arrays and pickles are rejected
/// with an <see cref="InputException"/>; nothing is ever unpickled.
/// </summary>
public static class Npy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NpyArray Read(string path)
    {
        using var fs = OpenForRead(path);
        return Read(fs, path);
    }

    internal static FileStream OpenForRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (FileNotFoundException)
        {
            throw new InputException(path, 0, "file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException(path, 0, "file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(path, 0, "permission denied");
        }
    }

    /// <summary>Reads one array from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static NpyArray Read(Stream stream, string source)
    {
        var header = ReadHeader(stream, source);
        if (header.Count > Array.MaxLength)
        {
            throw new InputException(source, 0, $"array of {header.Count} elements is too large");
        }

        var data = NpyDataReader.Read(stream, header.DType, (int)header.Count, source);
        if (header.FortranOrder && header.Shape.Length > 1)
        {
            data = NpyDataReader.FortranToC(data, header.Shape);
        }

        return new NpyArray(header.DType, header.Shape, data);
    }

    /// <summary>
    /// Reads the magic, version and header of a .npy stream, leaving the stream at the first data byte.
    /// Unsupported dtypes (big-endian, objects, records) are an <see cref="InputException"/> naming <paramref name="source"/>.
    /// </summary>
    public static NpyHeader ReadHeader(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> pre = stackalloc byte[8];
        if (!TryReadExactly(stream, pre))
        {
            throw new InputException(source, 0, "not a .npy file (shorter than its header)");
        }

        if (!pre[..6].SequenceEqual(Magic))
        {
            throw new InputException(source, 0, "not a .npy file (missing \\x93NUMPY magic)");
        }

        int major = pre[6];
        int headerLen;
        Encoding enc;
        if (major == 1)
        {
            Span<byte> l = stackalloc byte[2];
            if (!TryReadExactly(stream, l))
            {
                throw new InputException(source, 0, "truncated .npy header");
            }

            headerLen = BinaryPrimitives.ReadUInt16LittleEndian(l);
            enc = Encoding.Latin1;
        }
        else if (major is 2 or 3)
        {
            Span<byte> l = stackalloc byte[4];
            if (!TryReadExactly(stream, l))
            {
                throw new InputException(source, 0, "truncated .npy header");
            }

            uint len = BinaryPrimitives.ReadUInt32LittleEndian(l);
            if (len > 1 << 24)
            {
                throw new InputException(source, 0, $"implausible .npy header length {len}");
            }

            headerLen = (int)len;
            enc = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        }
        else
        {
            throw new InputException(source, 0, $"unsupported .npy format version {major}.{pre[7]}");
        }

        var hb = new byte[headerLen];
        if (!TryReadExactly(stream, hb))
        {
            throw new InputException(source, 0, "truncated .npy header");
        }

        var (descr, fortran, shape) = NpyHeaderParser.Parse(enc.GetString(hb), source);
        var dtype = NpyDType.TryParse(descr, out var problem) ?? throw new InputException(source, 0, problem!);
        return new NpyHeader(dtype, fortran, shape);
    }

    /// <summary>Writes <paramref name="array"/> atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, NpyArray array) => AtomicFile.Write(path, s => Write(s, array));

    /// <summary>Writes one array in C order (format 1.0, or 2.0 when the header needs it).</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        WriteHeader(stream, array.DType, array.Shape);
        NpyDataWriter.Write(stream, array);
    }

    /// <summary>
    /// Writes the magic, version and a C-order header for <paramref name="shape"/> (padded to 64 bytes as numpy
    /// does); the caller writes the data that follow.
    /// </summary>
    public static void WriteHeader(Stream stream, NpyDType dtype, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var dims = new string[shape.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        var shapeText = dims.Length switch
        {
            0 => "()",
            1 => $"({dims[0]},)",
            _ => "(" + string.Join(", ", dims) + ")",
        };
        var dict = $"{{'descr': '{dtype.Descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int pre = 10;
        int total = pre + dict.Length + 1;
        int pad = (64 - (total % 64)) % 64;
        int major = 1;
        if (dict.Length + pad + 1 > ushort.MaxValue)
        {
            major = 2;
            pre = 12;
            total = pre + dict.Length + 1;
            pad = (64 - (total % 64)) % 64;
        }

        var headerBytes = Encoding.Latin1.GetBytes(dict + new string(' ', pad) + "\n");
        stream.Write(Magic);
        stream.WriteByte((byte)major);
        stream.WriteByte(0);
        if (major == 1)
        {
            Span<byte> l = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(l, (ushort)headerBytes.Length);
            stream.Write(l);
        }
        else
        {
            Span<byte> l = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(l, (uint)headerBytes.Length);
            stream.Write(l);
        }

        stream.Write(headerBytes);
    }


    /// <summary>Fills <paramref name="buffer"/> from <paramref name="s"/>; false when the stream ends first.</summary>
    public static bool TryReadExactly(Stream s, Span<byte> buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = s.Read(buffer[read..]);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
