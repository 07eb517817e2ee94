using Motiflens.IO;

namespace Motiflens.Genomics.Datasets;

/// <summary>Turns one-hot arrays of any numeric dtype into byte codes, rejecting rows that are not one-hot.</summary>
internal static class OneHotDecoder
{
    internal const byte Zero = 0;
    internal const byte One = 1;
    internal const byte Quarter = 2;
    internal const byte Other = 3;

    internal static byte ClassifyFloat(double v) => v == 0 ? Zero : v == 1 ? One : v == 0.25 ? Quarter : Other;

    /// <summary>Decodes <paramref name="x"/> ((N, L, 4) or, when <paramref name="channelsFirst"/>, (N, 4, L)) into (N, L) codes.</summary>
    public static void Decode(NpyArray x, int n, int length, bool channelsFirst, byte[] codes, string path, string key)
    {
        // byte[] and sbyte[] each pass the other's run-time type test (array covariance): switch on the dtype.
        switch (x.DType.Kind)
        {
            case NpyKind.Int8:
                Run<sbyte>((sbyte[])x.Data, static v => v == 0 ? Zero : v == 1 ? One : Other, n, length, channelsFirst, codes, 0, path, key);
                break;
            case NpyKind.UInt8:
                Run<byte>((byte[])x.Data, static v => v == 0 ? Zero : v == 1 ? One : Other, n, length, channelsFirst, codes, 0, path, key);
                break;
            case NpyKind.Bool:
                Run<bool>((bool[])x.Data, static v => v ? One : Zero, n, length, channelsFirst, codes, 0, path, key);
                break;
            case NpyKind.Int32:
                Run<int>((int[])x.Data, static v => v == 0 ? Zero : v == 1 ? One : Other, n, length, channelsFirst, codes, 0, path, key);
                break;
            case NpyKind.Int64:
                Run<long>((long[])x.Data, static v => v == 0 ? Zero : v == 1 ? One : Other, n, length, channelsFirst, codes, 0, path, key);
                break;
            case NpyKind.Float32:
                Run<float>((float[])x.Data, static v => ClassifyFloat(v), n, length, channelsFirst, codes, 0, path, key);
                break;
            case NpyKind.Float64:
                Run<double>((double[])x.Data, static v => ClassifyFloat(v), n, length, channelsFirst, codes, 0, path, key);
                break;
            default:
                throw new InputException(path, key, $"expected a numeric one-hot array, found dtype {x.DType}");
        }
    }

    /// <summary>
    /// Decodes <paramref name="n"/> sequences from <paramref name="data"/> into <paramref name="codes"/> (n, L);
    /// <paramref name="firstIndex"/> is the index of the first sequence in the whole array (for errors).
    /// </summary>
    internal static void Run<T>(ReadOnlySpan<T> data, Func<T, byte> classify, int n, int length, bool channelsFirst, Span<byte> codes, int firstIndex, string path, string key)
    {
        int channelStride = channelsFirst ? length : 1;
        int positionStride = channelsFirst ? 1 : Alphabet.Size;
        for (int s = 0; s < n; s++)
        {
            int baseIndex = s * length * Alphabet.Size;
            for (int i = 0; i < length; i++)
            {
                int p = baseIndex + (i * positionStride);
                int ones = 0, zeros = 0, quarters = 0, hot = 0;
                for (int a = 0; a < Alphabet.Size; a++)
                {
                    switch (classify(data[p + (a * channelStride)]))
                    {
                        case One:
                            ones++;
                            hot = a;
                            break;
                        case Zero:
                            zeros++;
                            break;
                        case Quarter:
                            quarters++;
                            break;
                    }
                }

                if (ones == 1 && zeros == 3)
                {
                    codes[(s * length) + i] = (byte)hot;
                }
                else if (zeros == 4 || quarters == 4)
                {
                    codes[(s * length) + i] = Alphabet.N;
                }
                else
                {
                    var values = new string[Alphabet.Size];
                    for (int a = 0; a < Alphabet.Size; a++)
                    {
                        values[a] = Convert.ToString(data[p + (a * channelStride)], System.Globalization.CultureInfo.InvariantCulture) ?? "?";
                    }

                    throw new InputException(
                        path,
                        key,
                        $"sequence {firstIndex + s} (0-based), position {i}: row [{string.Join(", ", values)}] is neither one-hot nor all-zero");
                }
            }
        }
    }
}
