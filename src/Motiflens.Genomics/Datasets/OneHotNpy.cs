using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Motiflens.IO;

namespace Motiflens.Genomics.Datasets;

/// <summary>
/// Streams one-hot <c>x_*</c> arrays between .npy bytes and byte codes a few sequences at a time, so a
/// dataset is never held as one-hot (let alone float one-hot) in memory. Headers this reader does not
/// handle (Fortran order, big-endian, unusual dtypes) return null so the caller can fall back to
/// <see cref="Npy.Read(Stream, string)"/>, which gives the precise error or the general conversion.
/// </summary>
internal static partial class OneHotNpy
{
    private const int ChunkBytes = 1 << 22;

    /// <summary>The parsed header of a C-order .npy member.</summary>
    internal sealed record Header(NpyKind Kind, int ItemSize, int[] Shape);

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    /// <summary>Reads the header from <paramref name="stream"/>; null when the streaming path does not apply.</summary>
    public static Header? ReadHeader(Stream stream)
    {
        Span<byte> pre = stackalloc byte[10];
        if (!TryRead(stream, pre) || pre[0] != 0x93 || pre[1] != (byte)'N' || pre[6] is not (1 or 2))
        {
            return null;
        }

        int len;
        if (pre[6] == 1)
        {
            len = BinaryPrimitives.ReadUInt16LittleEndian(pre[8..]);
        }
        else
        {
            Span<byte> more = stackalloc byte[2];
            if (!TryRead(stream, more))
            {
                return null;
            }

            Span<byte> l = [pre[8], pre[9], more[0], more[1]];
            long v = BinaryPrimitives.ReadUInt32LittleEndian(l);
            if (v > 1 << 20)
            {
                return null;
            }

            len = (int)v;
        }

        var hb = new byte[len];
        if (!TryRead(stream, hb))
        {
            return null;
        }

        var text = Encoding.Latin1.GetString(hb);
        var descr = DescrPattern().Match(text);
        var fortran = FortranPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !fortran.Success || !shape.Success || fortran.Groups[1].Value == "True")
        {
            return null;
        }

        (NpyKind Kind, int Size)? kind = descr.Groups[1].Value switch
        {
            "|u1" or "<u1" or "=u1" => (NpyKind.UInt8, 1),
            "|b1" or "<b1" or "=b1" or "|?" => (NpyKind.Bool, 1),
            "|i1" or "<i1" or "=i1" => (NpyKind.Int8, 1),
            "<i4" => (NpyKind.Int32, 4),
            "<i8" => (NpyKind.Int64, 8),
            "<f4" => (NpyKind.Float32, 4),
            "<f8" => (NpyKind.Float64, 8),
            _ => null,
        };
        if (kind is null || !BitConverter.IsLittleEndian)
        {
            return null;
        }

        var dims = new List<int>();
        foreach (var part in shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out int d))
            {
                return null;
            }

            dims.Add(d);
        }

        return new Header(kind.Value.Kind, kind.Value.Size, dims.ToArray());
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
            if (!TryRead(stream, span))
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
        var dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({n}, {length}, 4), }}");
        int pad = (64 - ((10 + dict.Length + 1) % 64)) % 64;
        var header = Encoding.Latin1.GetBytes(dict + new string(' ', pad) + "\n");
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> l = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(l, (ushort)header.Length);
        stream.Write(l);
        stream.Write(header);

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

    private static bool TryRead(Stream s, Span<byte> buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int k = s.Read(buffer[read..]);
            if (k == 0)
            {
                return false;
            }

            read += k;
        }

        return true;
    }
}
