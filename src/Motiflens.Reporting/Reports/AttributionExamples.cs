using Motiflens.IO;

namespace Motiflens.Reporting.Reports;

/// <summary>
/// A few attribution maps stored for display: an .npy of maps (n, L, 4), or an .npz holding the maps under
/// "attributions" (or "attr", "maps", "saliency") and optionally the sequences under "x" (or "onehot",
/// "x_test"; one-hot (n, L, 4), or base codes (n, L) with A, C, G, T = 0..3 and N = 4, as a population's
/// examples.npz stores them) and the generating PWMs under "pwm" (or "pwm_test"). (n, 4, L) arrays are transposed.
/// </summary>
public sealed class AttributionExamples
{
    private static readonly string[] MapKeys = ["attributions", "attr", "maps", "saliency"];
    private static readonly string[] SequenceKeys = ["x", "onehot", "x_test", "sequences"];
    private static readonly string[] PwmKeys = ["pwm", "pwm_test"];

    private readonly float[] _maps;
    private readonly float[]? _onehot;
    private readonly float[]? _pwm;

    /// <summary>Examples from arrays (n, L, 4) each; <paramref name="onehot"/> and <paramref name="pwm"/> may be null.</summary>
    public AttributionExamples(int count, int length, float[] maps, float[]? onehot = null, float[]? pwm = null)
    {
        ArgumentNullException.ThrowIfNull(maps);
        long size = (long)count * length * 4;
        if (count < 1 || length < 1 || maps.Length != size || (onehot is not null && onehot.Length != size) || (pwm is not null && pwm.Length != size))
        {
            throw new ArgumentException($"attribution examples need (n, L, 4) arrays of {size} values for n = {count}, L = {length}");
        }

        Count = count;
        Length = length;
        _maps = maps;
        _onehot = onehot;
        _pwm = pwm;
    }

    /// <summary>n, the number of examples.</summary>
    public int Count { get; }

    /// <summary>L, the sequence length.</summary>
    public int Length { get; }

    /// <summary>Reads <paramref name="path"/> (.npy or .npz, see the class summary); bad shapes are <see cref="InputException"/>s.</summary>
    public static AttributionExamples Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            var (n, l, maps) = Nl4(Npy.Read(path), path, "maps");
            return new AttributionExamples(n, l, maps);
        }

        using var npz = NpzArchive.Open(path);
        string? mapKey = MapKeys.FirstOrDefault(npz.Contains)
            ?? throw new InputException(path, 0, $"expected an array named {string.Join(" or ", MapKeys)}; found {string.Join(", ", npz.Keys)}");
        var (count, length, values) = Nl4(npz.Get(mapKey), path, mapKey);
        float[]? Optional(string[] keys)
        {
            string? key = keys.FirstOrDefault(npz.Contains);
            if (key is null)
            {
                return null;
            }

            var array = npz.Get(key);
            var (n, l, v) = array.Rank == 2 ? OneHotFromCodes(array, path, key) : Nl4(array, path, key);
            return n == count && l == length ? v : throw new InputException(path, key, $"expected ({count}, {length}, 4) like {mapKey}; found ({n}, {l}, 4)");
        }

        return new AttributionExamples(count, length, values, Optional(SequenceKeys), Optional(PwmKeys));
    }

    /// <summary>Example <paramref name="index"/> as (L, 4): the map times the one-hot sequence when the sequence is known, else the map.</summary>
    public float[] Track(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var track = _maps.AsSpan(index * Length * 4, Length * 4).ToArray();
        if (_onehot is not null)
        {
            var x = _onehot.AsSpan(index * Length * 4, Length * 4);
            for (int i = 0; i < track.Length; i++)
            {
                track[i] *= x[i];
            }
        }

        return track;
    }

    /// <summary>The planted-motif positions of example <paramref name="index"/> (information > 0.1 bit), or empty without PWMs.</summary>
    public bool[] Highlight(int index) =>
        _pwm is null ? [] : ModelReport.MotifPositions(_pwm.AsSpan(index * Length * 4, Length * 4));

    /// <summary>Base codes (n, L) (A, C, G, T = 0..3; anything else is N, an all-zero row) as one-hot (n, L, 4).</summary>
    private static (int Count, int Length, float[] Values) OneHotFromCodes(NpyArray array, string path, string key)
    {
        var codes = array.ToFloat32();
        var onehot = new float[codes.Length * 4];
        for (int i = 0; i < codes.Length; i++)
        {
            float c = codes[i];
            if (c is 0 or 1 or 2 or 3)
            {
                onehot[(i * 4) + (int)c] = 1f;
            }
            else if (c != 4)
            {
                throw new InputException(path, key, $"expected base codes 0..4; found {c} at flat index {i}");
            }
        }

        return (array.Shape[0], array.Shape[1], onehot);
    }

    private static (int Count, int Length, float[] Values) Nl4(NpyArray array, string path, string key)
    {
        var s = array.Shape;
        if (s.Length == 3 && s[2] == 4)
        {
            return (s[0], s[1], array.ToFloat32());
        }

        if (s.Length == 3 && s[1] == 4)
        {
            var v = array.ToFloat32();
            var t = new float[v.Length];
            for (int n = 0; n < s[0]; n++)
            {
                for (int c = 0; c < 4; c++)
                {
                    for (int i = 0; i < s[2]; i++)
                    {
                        t[(((n * s[2]) + i) * 4) + c] = v[(((n * 4) + c) * s[2]) + i];
                    }
                }
            }

            return (s[0], s[2], t);
        }

        throw new InputException(path, key, $"expected shape (n, L, 4); found {array.ShapeString}");
    }
}
