using System.Runtime.CompilerServices;

namespace Motiflens.Genomics.Kmers;

/// <summary>
/// The index of a k-mer in lexicographic ACGT order with the first base most significant:
/// index(b₀…b₍ₖ₋₁₎) = Σ bᵢ·4^(k−1−i) over the codes A = 0, C = 1, G = 2, T = 3, so "AA…A" is 0 and
/// "TT…T" is 4^k − 1. k ranges over 1..<see cref="MaxK"/>.
/// </summary>
public static class KmerIndex
{
    /// <summary>The largest supported k (4^12 = 16,777,216 indices fit an int and a count table of 128 MiB).</summary>
    public const int MaxK = 12;

    /// <summary>Number of distinct k-mers, 4^k.</summary>
    public static int Count(int k)
    {
        CheckK(k);
        return 1 << (2 * k);
    }

    /// <summary>Throws unless 1 ≤ k ≤ <see cref="MaxK"/>.</summary>
    public static void CheckK(int k)
    {
        if (k < 1 || k > MaxK)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must satisfy 1 <= k <= {MaxK}; got k={k}");
        }
    }

    /// <summary>
    /// The index of the k-mer <paramref name="codes"/> (length k, codes 0..3), or -1 when it contains N
    /// (or any code above 3).
    /// </summary>
    public static int Encode(ReadOnlySpan<byte> codes)
    {
        CheckK(codes.Length);
        int index = 0;
        foreach (byte c in codes)
        {
            if (c > Alphabet.T)
            {
                return -1;
            }

            index = (index << 2) | c;
        }

        return index;
    }

    /// <summary>The index of a k-mer written in letters (e.g. "ACG" → 6), or -1 when it contains N.</summary>
    public static int Encode(string kmer)
    {
        ArgumentNullException.ThrowIfNull(kmer);
        Span<byte> codes = stackalloc byte[kmer.Length];
        for (int i = 0; i < kmer.Length; i++)
        {
            byte c = Alphabet.CodeOf(kmer[i]);
            if (c == Alphabet.Invalid)
            {
                throw new ArgumentException($"'{kmer[i]}' is not a nucleotide letter in \"{kmer}\"", nameof(kmer));
            }

            codes[i] = c;
        }

        return Encode(codes);
    }

    /// <summary>The letters of the k-mer with index <paramref name="index"/> (0 ≤ index &lt; 4^k).</summary>
    public static string Decode(int index, int k)
    {
        if ((uint)index >= (uint)Count(k))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must satisfy 0 <= index < 4^{k}");
        }

        return string.Create(k, index, static (chars, value) =>
        {
            for (int i = chars.Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet.Letters[value & 3];
                value >>= 2;
            }
        });
    }

    /// <summary>The index of the reverse complement of the k-mer with index <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReverseComplement(int index, int k)
    {
        int rc = 0;
        for (int i = 0; i < k; i++)
        {
            rc = (rc << 2) | (3 - (index & 3));
            index >>= 2;
        }

        return rc;
    }
}
