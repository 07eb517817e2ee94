using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Motiflens.Engine.Kernels;

/// <summary>Small row-wise SIMD helpers used by the layers (each has a scalar reference for tests).</summary>
internal static unsafe class VectorOps
{
    /// <summary>dst[i] += src[i] for i &lt; n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(float* dst, float* src, int n)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                Vector256.Store(Vector256.Load(dst + i) + Vector256.Load(src + i), dst + i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] += src[i];
        }
    }

    /// <summary>Scalar reference of <see cref="AddTo"/>.</summary>
    public static void AddToReference(float* dst, float* src, int n)
    {
        for (int i = 0; i < n; i++)
        {
            dst[i] += src[i];
        }
    }

    /// <summary>Writes <paramref name="row"/> (length cols) into each of the rows of x (rows × cols).</summary>
    public static void BroadcastRows(Span<float> x, ReadOnlySpan<float> row, int rows)
    {
        int cols = row.Length;
        for (int r = 0; r < rows; r++)
        {
            row.CopyTo(x.Slice(r * cols, cols));
        }
    }

    /// <summary>acc[j] += Σ_r x[r·cols + j] (rows summed in ascending order).</summary>
    public static void AddColumnSums(float* x, int rows, int cols, float* acc)
    {
        for (int r = 0; r < rows; r++)
        {
            AddTo(acc, x + (long)r * cols, cols);
        }
    }

    /// <summary>dst += Σ partials[t] for t in ascending order (the deterministic reduction of per-chunk sums).</summary>
    public static void ReduceInto(Span<float> dst, float[][] partials, int chunks)
    {
        for (int t = 0; t < chunks; t++)
        {
            TensorPrimitives.Add(dst, partials[t].AsSpan(0, dst.Length), dst);
        }
    }
}
