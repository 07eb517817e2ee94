namespace Motiflens.Interpretation.Metrics;

/// <summary>Per-position scores derived from attribution maps (N, L, 4) and sequences (N, L) of codes.</summary>
public static class PositionImportance
{
    /// <summary>
    /// <c>s_i = Σ_a X[i,a]·A[i,a]</c> (gradient×input): the map's value at the observed base, 0 at N.
    /// <paramref name="codes"/> (N·L), <paramref name="maps"/> (N·L·4); returns (N·L).
    /// </summary>
    public static double[] Signal(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps)
    {
        CheckShapes(codes, maps);
        var s = new double[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            byte c = codes[i];
            s[i] = c < 4 ? maps[(i * 4) + c] : 0.0;
        }

        return s;
    }

    /// <summary>
    /// <c>r_i = ‖A'[i,:]‖₂</c>, the L2 norm of the gradient-corrected row, computed in double.
    /// <paramref name="maps"/> (N·L·4); returns (N·L).
    /// </summary>
    public static double[] CorrectedNorm(ReadOnlySpan<float> maps)
    {
        if (maps.Length % 4 != 0)
        {
            throw new ArgumentException($"maps must be rows of 4 channels; length {maps.Length} is not a multiple of 4", nameof(maps));
        }

        var r = new double[maps.Length / 4];
        for (int i = 0; i < r.Length; i++)
        {
            double a = maps[4 * i], b = maps[(4 * i) + 1], c = maps[(4 * i) + 2], d = maps[(4 * i) + 3];
            double mean = (a + b + c + d) / 4.0;
            a -= mean;
            b -= mean;
            c -= mean;
            d -= mean;
            r[i] = Math.Sqrt((a * a) + (b * b) + (c * c) + (d * d));
        }

        return r;
    }

    /// <summary>The importance of <paramref name="kind"/> for every position (N·L).</summary>
    public static double[] Compute(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps, ImportanceKind kind)
    {
        CheckShapes(codes, maps);
        if (kind == ImportanceKind.CorrectedNorm)
        {
            return CorrectedNorm(maps);
        }

        var s = Signal(codes, maps);
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = Math.Abs(s[i]);
        }

        return s;
    }

    internal static void CheckShapes(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps)
    {
        if (maps.Length != codes.Length * 4L)
        {
            throw new ArgumentException($"maps must hold 4 channels per position: {codes.Length} positions need {codes.Length * 4L} values, got {maps.Length}");
        }
    }

    internal static int SequenceCount(int positions, int length)
    {
        if (length <= 0 || positions % length != 0)
        {
            throw new ArgumentException($"{positions} positions are not a whole number of sequences of length {length}");
        }

        return positions / length;
    }
}
