namespace Motiflens.Interpretation;

/// <summary>
/// Derives independent, reproducible seeds from a user seed and an index (SplitMix64 finaliser).
/// <see cref="HashCode.Combine{T1, T2}"/> must not be used for this: it is randomised per process.
/// </summary>
internal static class SeedMixer
{
    /// <summary>A seed for stream <paramref name="index"/> of <paramref name="seed"/>, identical in every process.</summary>
    public static int Mix(int seed, long index, ulong salt = 0)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ (ulong)index ^ (salt * 0x9E3779B97F4A7C15UL);
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
