using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Motiflens.IO;

/// <summary>Writes the data section of a .npy stream in C order, little-endian.</summary>
internal static class NpyDataWriter
{
    internal static void Write(Stream stream, NpyArray array)
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
}
