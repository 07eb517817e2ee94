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
}
