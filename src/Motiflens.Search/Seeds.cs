namespace Motiflens.Search;

/// <summary>Derives independent, reproducible seeds from a base seed and indices (SplitMix64 mixing).</summary>
public static class Seeds
{
    public static int Derive(int seed, int a, int b = 0)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)a * 0xBF58476D1CE4E5B9UL + (ulong)(uint)b * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
