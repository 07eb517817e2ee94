using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
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

        var data = ReadData(stream, header.DType, (int)header.Count, source);
        if (header.FortranOrder && header.Shape.Length > 1)
        {
            data = FortranToC(data, header.Shape);
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

        var (descr, fortran, shape) = ParseHeader(enc.GetString(hb), source);
        var dtype = NpyDType.TryParse(descr, out var problem) ?? throw new InputException(source, 0, problem!);
        return new NpyHeader(dtype, fortran, shape);
    }

    private static Array ReadData(Stream stream, NpyDType dtype, int count, string source)
    {
        long bytes = (long)count * dtype.ItemSize;
        if (bytes > Array.MaxLength)
        {
            // Read element-wise chunks for very large arrays would be needed; none of our formats go there.
            throw new InputException(source, 0, $"array of {bytes} bytes is too large");
        }

        Array data = Array.CreateInstance(NpyArray.ElementType(dtype.Kind), count);
        if (dtype.Kind == NpyKind.Unicode)
        {
            var raw = new byte[bytes];
            if (!TryReadExactly(stream, raw))
            {
                throw new InputException(source, 0, $"truncated data: expected {bytes} bytes");
            }

            var strings = (string[])data;
            int w = dtype.UnicodeWidth;
            var sb = new StringBuilder(w);
            for (int i = 0; i < count; i++)
            {
                sb.Clear();
                for (int c = 0; c < w; c++)
                {
                    int cp = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan((i * w + c) * 4, 4));
                    if (cp == 0)
                    {
                        break;
                    }

                    if (!Rune.IsValid(cp))
                    {
                        throw new InputException(source, 0, $"invalid code point {cp} in string element {i}");
                    }

                    sb.Append(new Rune(cp).ToString());
                }

                strings[i] = sb.ToString();
            }

            return data;
        }

        Span<byte> target = dtype.Kind switch
        {
            NpyKind.Bool => MemoryMarshal.AsBytes(((bool[])data).AsSpan()),
            NpyKind.UInt8 => ((byte[])data).AsSpan(),
            NpyKind.Int8 => MemoryMarshal.AsBytes(((sbyte[])data).AsSpan()),
            NpyKind.Int32 => MemoryMarshal.AsBytes(((int[])data).AsSpan()),
            NpyKind.Int64 => MemoryMarshal.AsBytes(((long[])data).AsSpan()),
            NpyKind.Float32 => MemoryMarshal.AsBytes(((float[])data).AsSpan()),
            NpyKind.Float64 => MemoryMarshal.AsBytes(((double[])data).AsSpan()),
            _ => throw new InvalidOperationException(),
        };
        if (!TryReadExactly(stream, target))
        {
            throw new InputException(source, 0, $"truncated data: expected {bytes} bytes for shape of {count} {dtype} elements");
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("big-endian hosts are not supported");
        }

        if (dtype.Kind == NpyKind.Bool)
        {
            // .NET bools must be 0 or 1; numpy may store any nonzero byte.
            var bs = MemoryMarshal.AsBytes(((bool[])data).AsSpan());
            for (int i = 0; i < bs.Length; i++)
            {
                if (bs[i] > 1)
                {
                    bs[i] = 1;
                }
            }
        }

        return data;
    }

    private static Array FortranToC(Array data, int[] shape)
    {
        int rank = shape.Length;
        int n = data.Length;
        var result = Array.CreateInstance(data.GetType().GetElementType()!, n);
        var fStride = new long[rank];
        long s = 1;
        for (int d = 0; d < rank; d++)
        {
            fStride[d] = s;
            s *= shape[d];
        }

        var idx = new int[rank];
        for (int c = 0; c < n; c++)
        {
            long f = 0;
            for (int d = 0; d < rank; d++)
            {
                f += idx[d] * fStride[d];
            }

            result.SetValue(data.GetValue(f), c);
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++idx[d] < shape[d])
                {
                    break;
                }

                idx[d] = 0;
            }
        }

        return result;
    }

    internal static (string Descr, bool Fortran, int[] Shape) ParseHeader(string header, string source)
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

    /// <summary>Writes <paramref name="array"/> atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, NpyArray array) => AtomicFile.Write(path, s => Write(s, array));

    /// <summary>Writes one array in C order (format 1.0, or 2.0 when the header needs it).</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        WriteHeader(stream, array.DType, array.Shape);
        WriteData(stream, array);
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

    private static void WriteData(Stream stream, NpyArray array)
    {
        switch (array.Data)
        {
            case bool[] b: stream.Write(MemoryMarshal.AsBytes(b.AsSpan())); break;
            case byte[] b: stream.Write(b); break;
            case sbyte[] b: stream.Write(MemoryMarshal.AsBytes(b.AsSpan())); break;
            case int[] b: stream.Write(MemoryMarshal.AsBytes(b.AsSpan())); break;
            case long[] b: stream.Write(MemoryMarshal.AsBytes(b.AsSpan())); break;
            case float[] b: stream.Write(MemoryMarshal.AsBytes(b.AsSpan())); break;
            case double[] b: stream.Write(MemoryMarshal.AsBytes(b.AsSpan())); break;
            case string[] strs:
                {
                    int w = array.DType.UnicodeWidth;
                    var buf = new byte[4 * w];
                    foreach (var s in strs)
                    {
                        Array.Clear(buf);
                        int c = 0;
                        foreach (var r in s.EnumerateRunes())
                        {
                            if (c >= w)
                            {
                                throw new ArgumentException($"string '{s}' is longer than the dtype width {w}");
                            }

                            BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(4 * c, 4), r.Value);
                            c++;
                        }

                        stream.Write(buf);
                    }

                    break;
                }

            default:
                throw new InvalidOperationException("unsupported data array");
        }
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
