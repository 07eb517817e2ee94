namespace Motiflens.Interpretation.Attribution;

/// <summary>
/// A batch of sequences handed to an <see cref="IAttributionMethod"/>: codes (B, L) and their one-hot
/// encoding (B, L, 4) (an N is an all-zero row). <see cref="FirstIndex"/> is the index of the batch's first
/// sequence in the whole input, so stochastic methods can seed per sequence and give the same maps for any
/// batch size.
/// </summary>
public sealed class AttributionBatch
{
    /// <summary>Creates a batch from codes (count·length).</summary>
    public AttributionBatch(byte[] codes, int count, int length, int firstIndex)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Length != count * length)
        {
            throw new ArgumentException($"{count} sequences of length {length} need {count * length} codes; got {codes.Length}", nameof(codes));
        }

        Codes = codes;
        Count = count;
        Length = length;
        FirstIndex = firstIndex;
        OneHot = OneHotOf(codes);
    }

    /// <summary>(B, L) codes.</summary>
    public byte[] Codes { get; }

    /// <summary>(B, L, 4) one-hot.</summary>
    public float[] OneHot { get; }

    /// <summary>B.</summary>
    public int Count { get; }

    /// <summary>L.</summary>
    public int Length { get; }

    /// <summary>Index of the first sequence in the whole input.</summary>
    public int FirstIndex { get; }

    /// <summary>One-hot (n·4) of codes (n); codes above 3 give all-zero rows.</summary>
    public static float[] OneHotOf(ReadOnlySpan<byte> codes)
    {
        var x = new float[codes.Length * 4];
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] < 4)
            {
                x[(i * 4) + codes[i]] = 1;
            }
        }

        return x;
    }

    /// <summary>A generator for sequence <paramref name="indexInBatch"/> that depends only on the seed and the sequence's global index.</summary>
    public Random RandomFor(int seed, int indexInBatch) =>
        new(SeedMixer.Mix(seed, (long)FirstIndex + indexInBatch, salt: 1));
}
