namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// Gradient correction (Majdandzic et al. 2023): <c>A'[i,a] = A[i,a] − mean_b A[i,b]</c>. Removes the
/// off-simplex component of a gradient on one-hot input, which carries no information about the sequence.
/// </summary>
public static class GradientCorrection
{
    /// <summary>Corrects maps (…, 4) in place: every row of 4 channels gets its own mean subtracted.</summary>
    public static void Apply(Span<float> maps)
    {
        if (maps.Length % 4 != 0)
        {
            throw new ArgumentException($"maps must be rows of 4 channels; length {maps.Length} is not a multiple of 4", nameof(maps));
        }

        for (int i = 0; i < maps.Length; i += 4)
        {
            // Mean in double, as the metrics' golden reference computes it.
            double mean = ((double)maps[i] + maps[i + 1] + maps[i + 2] + maps[i + 3]) / 4.0;
            maps[i] = (float)(maps[i] - mean);
            maps[i + 1] = (float)(maps[i + 1] - mean);
            maps[i + 2] = (float)(maps[i + 2] - mean);
            maps[i + 3] = (float)(maps[i + 3] - mean);
        }
    }

    /// <summary>A corrected copy of maps (…, 4).</summary>
    public static float[] Corrected(ReadOnlySpan<float> maps)
    {
        var copy = maps.ToArray();
        Apply(copy);
        return copy;
    }
}
