using Motiflens.IO;

namespace Motiflens.Interpretation.Attribution;

/// <summary>
/// Reads and writes attribution maps: <c>.npy</c> (N, L, 4) float32 as Motiflens writes them, and maps made
/// by other tools (captum, tangermeme, tfomics): <c>.npy</c> or <c>.npz</c>, (N, L, 4) or (N, 4, L), any
/// float or integer dtype. Every value must be finite.
/// </summary>
public static class AttributionMapFile
{
    /// <summary>
    /// Loads maps and returns them as (N, L, 4) float32, checked against the <paramref name="count"/> N and
    /// <paramref name="length"/> L of the data they explain. In an .npz with several arrays the one named
    /// <paramref name="key"/> is used (else "attributions", else the only array). Any problem is an
    /// <see cref="InputException"/> naming the file and the array or record.
    /// </summary>
    public static float[] Load(string path, int count, int length, string? key = null)
    {
        var (array, record) = ReadArray(path, key);
        if (array.DType.Kind == NpyKind.Unicode)
        {
            throw new InputException(path, record, $"expected numbers, found dtype {array.DType}");
        }

        if (array.Rank != 3)
        {
            throw new InputException(path, record, $"expected a 3-D array (N, L, 4) or (N, 4, L), found shape {array.ShapeString}");
        }

        int n = array.Shape[0], a = array.Shape[1], b = array.Shape[2];
        if (n == 0 || a == 0 || b == 0)
        {
            throw new InputException(path, record, $"the array is empty (shape {array.ShapeString})");
        }

        bool lengthChannels = a == length && b == 4;
        bool channelsLength = a == 4 && b == length;
        if (!lengthChannels && !channelsLength)
        {
            throw new InputException(path, record, $"expected shape ({count}, {length}, 4) or ({count}, 4, {length}) to match the data, found {array.ShapeString}");
        }

        if (n != count)
        {
            throw new InputException(path, record, $"{n} maps for {count} sequences: expected shape ({count}, {length}, 4) to match the data, found {array.ShapeString}");
        }

        var values = array.ToFloat32();
        if (ReferenceEquals(values, array.Data))
        {
            values = (float[])values.Clone();
        }

        if (!lengthChannels)
        {
            values = Transpose(values, n, length);
        }

        for (long i = 0; i < values.LongLength; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                long position = i / 4;
                throw new InputException(path, record,
                    $"non-finite value {values[i]} at sequence {position / length}, position {position % length}, channel {"ACGT"[(int)(i % 4)]}");
            }
        }

        return values;
    }

    /// <summary>Writes maps (N, L, 4) as float32 .npy (atomically).</summary>
    public static void Save(string path, float[] maps, int count, int length)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.LongLength != (long)count * length * 4)
        {
            throw new ArgumentException($"maps of {count} sequences of length {length} need {(long)count * length * 4} values; got {maps.LongLength}", nameof(maps));
        }

        Npy.Write(path, NpyArray.FromFloats(maps, count, length, 4));
    }

    private static (NpyArray Array, string Record) ReadArray(string path, string? key)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "attribution file not found");
        }

        if (!path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            return (Npy.Read(path), "array");
        }

        using var npz = NpzArchive.Open(path);
        if (key is not null && npz.Contains(key))
        {
            return (npz.Get(key), key);
        }

        if (npz.Contains("attributions"))
        {
            return (npz.Get("attributions"), "attributions");
        }

        if (npz.Keys.Count == 1)
        {
            string only = npz.Keys.First();
            return (npz.Get(only), only);
        }

        throw new InputException(path, key ?? "attributions",
            $"cannot tell which array holds the maps (archive has: {(npz.Keys.Count == 0 ? "none" : string.Join(", ", npz.Keys))}); name it 'attributions'{(key is null ? string.Empty : $" or '{key}'")}");
    }

    private static float[] Transpose(float[] data, int n, int length)
    {
        var result = new float[data.Length];
        for (int s = 0; s < n; s++)
        {
            int b = s * length * 4;
            for (int c = 0; c < 4; c++)
            {
                for (int i = 0; i < length; i++)
                {
                    result[b + (i * 4) + c] = data[b + (c * length) + i];
                }
            }
        }

        return result;
    }
}
