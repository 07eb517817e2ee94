using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Motiflens.IO;

/// <summary>Reads the data section of a .npy stream into a flat array and reorders Fortran-ordered data.</summary>
internal static class NpyDataReader
{
    internal static Array Read(Stream stream, NpyDType dtype, int count, string source)
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
            if (!Npy.TryReadExactly(stream, raw))
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
        if (!Npy.TryReadExactly(stream, target))
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

    internal static Array FortranToC(Array data, int[] shape)
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
}
