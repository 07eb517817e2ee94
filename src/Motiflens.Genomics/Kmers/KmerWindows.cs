namespace Motiflens.Genomics.Kmers;

/// <summary>
/// The overlapping k-mers of a code sequence (A = 0, C = 1, G = 2, T = 3, N = 4), in order of start position,
/// skipping every window that contains N (or any code above 3). Use with <c>foreach</c>; nothing is allocated.
/// </summary>
/// <remarks>
/// A rolling index (shift in two bits, mask to 2k bits) and the length of the current N-free run make each
/// position O(1), independent of k.
/// </remarks>
public ref struct KmerWindows
{
    private readonly ReadOnlySpan<byte> _codes;
    private readonly int _k;
    private readonly int _mask;
    private int _position;
    private int _run;
    private int _index;

    /// <summary>The windows of length <paramref name="k"/> (1 ≤ k ≤ <see cref="KmerIndex.MaxK"/>) over <paramref name="codes"/>.</summary>
    public KmerWindows(ReadOnlySpan<byte> codes, int k)
    {
        _mask = KmerIndex.Count(k) - 1;
        _codes = codes;
        _k = k;
        _position = -1;
    }

    /// <summary>The current k-mer; valid after <see cref="MoveNext"/> returned true.</summary>
    public readonly KmerWindow Current => new(_position - _k + 1, _index);

    /// <summary>Returns this enumerator, so that <c>foreach</c> works on the struct itself.</summary>
    public readonly KmerWindows GetEnumerator() => this;

    /// <summary>Advances to the next N-free k-mer; false at the end of the sequence.</summary>
    public bool MoveNext()
    {
        while (++_position < _codes.Length)
        {
            uint c = _codes[_position];
            if (c > 3)
            {
                _run = 0;
                _index = 0;
                continue;
            }

            _index = ((_index << 2) | (int)c) & _mask;
            if (++_run >= _k)
            {
                return true;
            }
        }

        return false;
    }
}
