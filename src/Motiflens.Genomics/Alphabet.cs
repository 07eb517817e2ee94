using System.Runtime.CompilerServices;

namespace Motiflens.Genomics;

/// <summary>
/// The DNA alphabet and its byte codes: A = 0, C = 1, G = 2, T = 3, and <see cref="N"/> = 4 for N and
/// every other IUPAC ambiguity code. Input is case-insensitive and RNA's U is read as T, so RNA data
/// share the four channels. One-hot rows use the same A, C, G, T channel order; code 4 is an all-zero row.
/// </summary>
public static class Alphabet
{
    public const byte A = 0;
    public const byte C = 1;
    public const byte G = 2;
    public const byte T = 3;

    /// <summary>The code of N and every other ambiguous IUPAC letter (an all-zero one-hot row).</summary>
    public const byte N = 4;

    /// <summary>Returned by <see cref="CodeOf"/> for a character outside the IUPAC nucleotide alphabet.</summary>
    public const byte Invalid = 255;

    /// <summary>Number of channels of a one-hot row.</summary>
    public const int Size = 4;

    /// <summary>The letters of codes 0..4.</summary>
    public const string Letters = "ACGTN";

    // One table lookup per byte keeps parsing at memory speed; 255 marks non-IUPAC bytes.
    private static readonly byte[] Table = BuildTable();

    /// <summary>The 256-entry ASCII → code table (255 = not a nucleotide letter).</summary>
    public static ReadOnlySpan<byte> CodeTable => Table;

    /// <summary>The code of an ASCII/char letter, or <see cref="Invalid"/>.</summary>
    public static byte CodeOf(char c) => c < 256 ? Table[c] : Invalid;

    /// <summary>Whether <paramref name="c"/> is A, C, G, T or U (either case).</summary>
    public static bool IsUnambiguous(char c) => CodeOf(c) < N;

    /// <summary>The letter of a code (0..3 → ACGT, anything else → N).</summary>
    public static char LetterOf(byte code) => code < N ? Letters[code] : 'N';

    /// <summary>
    /// Encodes ASCII letters into codes. Returns the index of the first byte that is not an IUPAC letter
    /// (or, with <paramref name="rejectAmbiguous"/>, the first ambiguous letter), or -1 when all were encoded.
    /// <paramref name="codes"/> must be at least as long as <paramref name="ascii"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop of every parser: skip the unoptimised JIT tier
    public static int Encode(ReadOnlySpan<byte> ascii, Span<byte> codes, bool rejectAmbiguous = false)
    {
        if (codes.Length < ascii.Length)
        {
            throw new ArgumentException("destination shorter than source", nameof(codes));
        }

        var table = Table;
        byte bad = 0;
        for (int i = 0; i < ascii.Length; i++)
        {
            byte c = table[ascii[i]];
            codes[i] = c;
            bad |= c;
        }

        // 255 has bit 7 set, no valid code does; checking once after the loop keeps the hot loop branch-free.
        if ((bad & 0x80) == 0 && !(rejectAmbiguous && (bad & N) != 0))
        {
            return -1;
        }

        for (int i = 0; i < ascii.Length; i++)
        {
            byte c = codes[i];
            if (c == Invalid || (rejectAmbiguous && c == N))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Encodes a string; throws <see cref="ArgumentException"/> naming the first non-IUPAC character.</summary>
    public static byte[] Encode(string sequence, bool rejectAmbiguous = false)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var codes = new byte[sequence.Length];
        for (int i = 0; i < sequence.Length; i++)
        {
            byte c = CodeOf(sequence[i]);
            if (c == Invalid || (rejectAmbiguous && c == N))
            {
                throw new ArgumentException(
                    $"'{sequence[i]}' at position {i + 1} is not {(c == Invalid ? "an IUPAC nucleotide letter" : "one of A, C, G, T, U")}",
                    nameof(sequence));
            }

            codes[i] = c;
        }

        return codes;
    }

    /// <summary>The letters of <paramref name="codes"/> (A, C, G, T, N).</summary>
    public static string Decode(ReadOnlySpan<byte> codes)
    {
        var chars = new char[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            chars[i] = LetterOf(codes[i]);
        }

        return new string(chars);
    }

    /// <summary>Writes the reverse complement of <paramref name="codes"/> (N stays N). May not alias.</summary>
    public static void ReverseComplement(ReadOnlySpan<byte> codes, Span<byte> destination)
    {
        if (destination.Length < codes.Length)
        {
            throw new ArgumentException("destination shorter than source", nameof(destination));
        }

        int n = codes.Length;
        for (int i = 0; i < n; i++)
        {
            byte c = codes[n - 1 - i];
            destination[i] = c < N ? (byte)(T - c) : N;
        }
    }

    /// <summary>The reverse complement as a new array.</summary>
    public static byte[] ReverseComplement(ReadOnlySpan<byte> codes)
    {
        var result = new byte[codes.Length];
        ReverseComplement(codes, result);
        return result;
    }

    /// <summary>
    /// Writes the one-hot encoding of <paramref name="codes"/> (L) into <paramref name="destination"/> (L, 4);
    /// codes ≥ 4 give all-zero rows. Every element of the destination is written.
    /// </summary>
    public static void OneHot(ReadOnlySpan<byte> codes, Span<float> destination)
    {
        if (destination.Length < codes.Length * Size)
        {
            throw new ArgumentException($"destination needs {codes.Length * Size} elements", nameof(destination));
        }

        destination[..(codes.Length * Size)].Clear();
        for (int i = 0; i < codes.Length; i++)
        {
            byte c = codes[i];
            if (c < N)
            {
                destination[(i * Size) + c] = 1f;
            }
        }
    }

    /// <summary>
    /// Converts one-hot rows (L, 4) back to codes (L). A row with a single 1 and three 0s gives its channel;
    /// an all-zero row gives <see cref="N"/>. Returns the index of the first row that is neither, or -1.
    /// </summary>
    public static int FromOneHot(ReadOnlySpan<float> oneHot, Span<byte> codes)
    {
        int length = oneHot.Length / Size;
        for (int i = 0; i < length; i++)
        {
            var row = oneHot.Slice(i * Size, Size);
            int hot = -1;
            for (int a = 0; a < Size; a++)
            {
                float v = row[a];
                if (v == 1f && hot < 0)
                {
                    hot = a;
                }
                else if (v != 0f)
                {
                    return i;
                }
            }

            codes[i] = hot < 0 ? N : (byte)hot;
        }

        return -1;
    }

    /// <summary>
    /// The probabilities (A, C, G, T) meant by an IUPAC letter (R = A/G, Y = C/T, S = C/G, W = A/T, K = G/T,
    /// M = A/C, B = not A, D = not C, H = not G, V = not T, N = any), each allowed base equally likely.
    /// Returns false for a non-IUPAC character.
    /// </summary>
    public static bool TryIupacProbabilities(char letter, Span<double> probabilities)
    {
        string bases = char.ToUpperInvariant(letter) switch
        {
            'A' => "A",
            'C' => "C",
            'G' => "G",
            'T' or 'U' => "T",
            'R' => "AG",
            'Y' => "CT",
            'S' => "CG",
            'W' => "AT",
            'K' => "GT",
            'M' => "AC",
            'B' => "CGT",
            'D' => "AGT",
            'H' => "ACT",
            'V' => "ACG",
            'N' => "ACGT",
            _ => string.Empty,
        };
        if (bases.Length == 0)
        {
            return false;
        }

        probabilities[..Size].Clear();
        foreach (char b in bases)
        {
            probabilities[CodeOf(b)] = 1.0 / bases.Length;
        }

        return true;
    }

    private static byte[] BuildTable()
    {
        var t = new byte[256];
        Array.Fill(t, Invalid);
        foreach (char c in "RYSWKMBDHVN")
        {
            t[c] = N;
            t[char.ToLowerInvariant(c)] = N;
        }

        t['A'] = t['a'] = A;
        t['C'] = t['c'] = C;
        t['G'] = t['g'] = G;
        t['T'] = t['t'] = T;
        t['U'] = t['u'] = T;
        return t;
    }
}
