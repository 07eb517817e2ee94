using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// BatchNorm's per-row kernels over the C channels of one (N·L) row. Each keeps one rounding per operation in the
/// order written (no fused multiply-add), so the vector and scalar tails agree bit for bit.
/// </summary>
internal static class BatchNormKernels
{
    // dx = scale·(dy − a − xhat·b) per channel.
    public static unsafe void InputGradientRow(float* dy, float* xh, float* scale, float* a, float* b, float* dx, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                var v = Vector256.Load(scale + i) * (Vector256.Load(dy + i) - Vector256.Load(a + i) - Vector256.Load(xh + i) * Vector256.Load(b + i));
                v.Store(dx + i);
            }
        }

        for (; i < c; i++)
        {
            dx[i] = scale[i] * (dy[i] - a[i] - xh[i] * b[i]);
        }
    }

    public static unsafe void AddSquaredDeviation(float* x, float* mean, float* acc, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                var d = Vector256.Load(x + i) - Vector256.Load(mean + i);
                Vector256.Store(Vector256.Load(acc + i) + d * d, acc + i);
            }
        }

        for (; i < c; i++)
        {
            float d = x[i] - mean[i];
            acc[i] += d * d;
        }
    }

    public static unsafe void AddProduct(float* u, float* v, float* acc, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                Vector256.Store(Vector256.Load(acc + i) + Vector256.Load(u + i) * Vector256.Load(v + i), acc + i);
            }
        }

        for (; i < c; i++)
        {
            acc[i] += u[i] * v[i];
        }
    }

    public static unsafe void Normalize(float* x, float* mean, float* inv, float* xh, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                Vector256.Store((Vector256.Load(x + i) - Vector256.Load(mean + i)) * Vector256.Load(inv + i), xh + i);
            }
        }

        for (; i < c; i++)
        {
            xh[i] = (x[i] - mean[i]) * inv[i];
        }
    }

    // y = x·scale + shift, optionally followed by ReLU in the same pass.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Affine(float* x, float* scale, float* shift, float* y, int c, bool relu)
    {
        int i = 0;
        if (Avx.IsSupported)
        {
            var zero = Vector256<float>.Zero;
            for (; i + 8 <= c; i += 8)
            {
                var v = Avx.Add(Avx.Multiply(Avx.LoadVector256(x + i), Avx.LoadVector256(scale + i)), Avx.LoadVector256(shift + i));
                Avx.Store(y + i, relu ? Avx.Max(zero, v) : v);
            }
        }

        for (; i < c; i++)
        {
            float v = x[i] * scale[i] + shift[i];
            y[i] = relu && !(v > 0f || float.IsNaN(v)) ? 0f : v;
        }
    }

    /// <summary>
    /// <see cref="Affine"/> over <paramref name="rows"/> consecutive rows of <paramref name="c"/> channels: with AVX-512 and
    /// c a multiple of 16 up to 64, scale and shift stay in registers across rows (the same operations in the same order,
    /// so the same bits as row by row).
    /// </summary>
    public static unsafe void AffineRows(float* x, float* scale, float* shift, float* y, int rows, int c, bool relu)
    {
        if (Gemm.UseAvx512 && c % 16 == 0 && c <= 64)
        {
            AffineRows512(x, scale, shift, y, rows, c, relu);
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            Affine(x + ((long)r * c), scale, shift, y + ((long)r * c), c, relu);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AffineRows512(float* x, float* scale, float* shift, float* y, int rows, int c, bool relu)
    {
        int groups = c / 16;
        var s0 = Avx512F.LoadVector512(scale);
        var h0 = Avx512F.LoadVector512(shift);
        var s1 = groups > 1 ? Avx512F.LoadVector512(scale + 16) : default;
        var h1 = groups > 1 ? Avx512F.LoadVector512(shift + 16) : default;
        var s2 = groups > 2 ? Avx512F.LoadVector512(scale + 32) : default;
        var h2 = groups > 2 ? Avx512F.LoadVector512(shift + 32) : default;
        var s3 = groups > 3 ? Avx512F.LoadVector512(scale + 48) : default;
        var h3 = groups > 3 ? Avx512F.LoadVector512(shift + 48) : default;
        var zero = Vector512<float>.Zero;
        long end = (long)rows * c;
        for (long o = 0; o < end; o += c)
        {
            var v0 = Avx512F.Add(Avx512F.Multiply(Avx512F.LoadVector512(x + o), s0), h0);
            Avx512F.Store(y + o, relu ? Avx512F.Max(zero, v0) : v0);
            if (groups > 1)
            {
                var v1 = Avx512F.Add(Avx512F.Multiply(Avx512F.LoadVector512(x + o + 16), s1), h1);
                Avx512F.Store(y + o + 16, relu ? Avx512F.Max(zero, v1) : v1);
                if (groups > 2)
                {
                    var v2 = Avx512F.Add(Avx512F.Multiply(Avx512F.LoadVector512(x + o + 32), s2), h2);
                    Avx512F.Store(y + o + 32, relu ? Avx512F.Max(zero, v2) : v2);
                    if (groups > 3)
                    {
                        var v3 = Avx512F.Add(Avx512F.Multiply(Avx512F.LoadVector512(x + o + 48), s3), h3);
                        Avx512F.Store(y + o + 48, relu ? Avx512F.Max(zero, v3) : v3);
                    }
                }
            }
        }
    }
}
