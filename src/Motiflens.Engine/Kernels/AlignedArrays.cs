namespace Motiflens.Engine.Kernels;

/// <summary>
/// Pinned float arrays used from a 64-byte-aligned element offset, so that a matrix whose rows are a multiple of 16
/// floats has every row on whole cache lines and the kernels' 512-bit loads never split a line (a measured 25 % on
/// the GEMM when B is aligned, docs/PERFORMANCE.md).
/// </summary>
internal static class AlignedArrays
{
    /// <summary>
    /// Makes sure <paramref name="array"/> holds <paramref name="length"/> floats from the returned offset, which is the
    /// first 64-byte boundary of the array's data (allocating a pinned array with room for it when needed).
    /// </summary>
    /// <remarks>
    /// Callers use <c>pointer + offset</c> under <c>fixed</c>: the data is at that index whatever the address, and for a
    /// pinned array (never moved) the address is aligned.
    /// </remarks>
    public static unsafe int Ensure(ref float[] array, int length)
    {
        if (array.Length < length + 16)
        {
            array = GC.AllocateArray<float>(length + 16, pinned: true);
        }

        fixed (float* p = array)
        {
            return (int)((64 - ((nint)p & 63)) & 63) / sizeof(float);
        }
    }

    /// <summary>Copies <paramref name="source"/> to the aligned offset of <paramref name="array"/>; returns the offset.</summary>
    public static int CopyAligned(ReadOnlySpan<float> source, ref float[] array)
    {
        int offset = Ensure(ref array, source.Length);
        source.CopyTo(array.AsSpan(offset, source.Length));
        return offset;
    }
}
