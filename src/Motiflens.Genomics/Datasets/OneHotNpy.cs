using System.Runtime.InteropServices;
using Motiflens.IO;

namespace Motiflens.Genomics.Datasets;

/// <summary>
/// Streams one-hot <c>x_*</c> arrays between .npy bytes and byte codes a few sequences at a time, so a
/// dataset is never held as one-hot (let alone float one-hot) in memory. Headers this reader does not
/// handle (Fortran order, big-endian, unusual dtypes) return null so the caller can fall back to
/// <see cref="Npy.Read(Stream, string)"/>, which gives the precise error or the general conversion.
/// </summary>
internal static class OneHotNpy
{
    private const int ChunkBytes = 1 << 22;

    /// <summary>The parsed header of a C-order .npy member.</summary>
    internal sealed record Header(NpyKind Kind, int ItemSize, int[] Shape);

    /// <summary>
    /// Reads the header from <paramref name="stream"/>; null when the streaming path does not apply (Fortran
    /// order or strings), so the caller falls back to <see cref="NpzArchive.Get"/>.
    /// </summary>
    public static Header? ReadHeader(Stream stream, string source)
    {
        var header = Npy.ReadHeader(stream, source);
        if (header.FortranOrder || header.DType.Kind == NpyKind.Unicode)
        {
            return null;
        }

        return new Header(header.DType.Kind, header.DType.ItemSize, header.Shape);
    }

    /// <summary>
    /// Decodes the data that follows <paramref name="header"/> into (N, L) codes, reading whole sequences
    /// at a time. <paramref name="channelsFirst"/> means (N, 4, L).
    /// </summary>
    public static void Decode(Stream stream, Header header, int n, int length, bool channelsFirst, byte[] codes, string path, string key)
    {
        long perSequence = (long)length * Alphabet.Size * header.ItemSize;
        int batch = (int)Math.Max(1, Math.Min(n, ChunkBytes / Math.Max(1, perSequence)));
        var buffer = new byte[batch * perSequence];
        for (int first = 0; first < n; first += batch)
        {
            int count = Math.Min(batch, n - first);
            var span = buffer.AsSpan(0, (int)(count * perSequence));
            if (!Npy.TryReadExactly(stream, span))
            {
                throw new InputException(path, key, $"truncated data: expected {(long)n * perSequence} bytes of one-hot values");
            }

            var dest = codes.AsSpan((int)((long)first * length), count * length);
            switch (header.Kind)
            {
                case NpyKind.UInt8:
                    OneHotDecoder.Run<byte>(span, static v => Classify(v), count, length, channelsFirst, dest, first, path, key);
                    break;
                case NpyKind.Bool:
                    OneHotDecoder.Run<byte>(span, static v => v != 0 ? OneHotDecoder.One : OneHotDecoder.Zero, count, length, channelsFirst, dest, first, path, key);
                    break;
                case NpyKind.Int8:
                    OneHotDecoder.Run(MemoryMarshal.Cast<byte, sbyte>(span), static v => Classify(v), count, length, channelsFirst, dest, first, path, key);
                    break;
                case NpyKind.Int32:
                    OneHotDecoder.Run(MemoryMarshal.Cast<byte, int>(span), static v => Classify(v), count, length, channelsFirst, dest, first, path, key);
                    break;
                case NpyKind.Int64:
                    OneHotDecoder.Run(MemoryMarshal.Cast<byte, long>(span), static v => Classify(v), count, length, channelsFirst, dest, first, path, key);
                    break;
                case NpyKind.Float32:
                    OneHotDecoder.Run(MemoryMarshal.Cast<byte, float>(span), static v => OneHotDecoder.ClassifyFloat(v), count, length, channelsFirst, dest, first, path, key);
                    break;
                case NpyKind.Float64:
                    OneHotDecoder.Run(MemoryMarshal.Cast<byte, double>(span), static v => OneHotDecoder.ClassifyFloat(v), count, length, channelsFirst, dest, first, path, key);
                    break;
                default:
                    throw new InvalidOperationException();
            }
        }
    }

    private static byte Classify(long v) => v == 0 ? OneHotDecoder.Zero : v == 1 ? OneHotDecoder.One : OneHotDecoder.Other;

    /// <summary>Writes codes (N, L) as a uint8 one-hot .npy (N, L, 4), a batch of sequences at a time.</summary>
    public static void Write(Stream stream, byte[] codes, int n, int length)
    {
        Npy.WriteHeader(stream, new NpyDType(NpyKind.UInt8), [n, length, Alphabet.Size]);

        int batch = Math.Max(1, ChunkBytes / Math.Max(1, length * Alphabet.Size));
        var buffer = new byte[(long)Math.Min(batch, Math.Max(n, 1)) * length * Alphabet.Size];
        for (int first = 0; first < n; first += batch)
        {
            int count = Math.Min(batch, n - first);
            var src = codes.AsSpan((int)((long)first * length), count * length);
            var dst = buffer.AsSpan(0, src.Length * Alphabet.Size);
            dst.Clear();
            for (int i = 0; i < src.Length; i++)
            {
                byte c = src[i];
                if (c < Alphabet.N)
                {
                    dst[(i * Alphabet.Size) + c] = 1;
                }
            }

            stream.Write(dst);
        }
    }
}
