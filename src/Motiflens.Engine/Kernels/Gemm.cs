using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// Single-precision matrix multiply-accumulate <c>C += A·B</c> with a strided A, so that one routine serves
/// <c>A·B</c> (row-major A), <c>Aᵀ·B</c> (swap the strides) and the overlapping im2col rows of a channels-last
/// convolution (row stride = stride·C, no copy).
/// </summary>
/// <remarks>
/// Register-blocked micro-kernels: 6×32 with AVX-512 (12 zmm accumulators) on 32-column panels where the CPU has
/// it, and 6×16 with AVX2/FMA (12 ymm accumulators) for the remaining columns (all of them without AVX-512), with
/// 8-wide and masked AVX2 tails; blocked
/// over the inner dimension so a 256-row panel of B stays in L1. The summation order over the inner index is fixed
/// (ascending), so results do not depend on threading.
/// </remarks>
internal static unsafe class Gemm
{
    private const int KBlock = 256;

    /// <summary>
    /// Whether the AVX-512 kernels run (when the CPU has AVX-512F). Both paths give bit-identical results; tests switch
    /// it off to compare them.
    /// </summary>
    internal static bool UseAvx512 { get; set; } = Avx512F.IsSupported;

    /// <summary>
    /// C[i·ldc + j] += Σ_p A[i·rsa + p·csa] · B[p·ldb + j] for i &lt; m, j &lt; n, p &lt; k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int m, int n, int k)
    {
        if (m <= 0 || n <= 0 || k <= 0)
        {
            return;
        }

        if (!Fma.IsSupported || !Avx2.IsSupported)
        {
            Reference(a, rsa, csa, b, ldb, c, ldc, m, n, k);
            return;
        }

        for (int p0 = 0; p0 < k; p0 += KBlock)
        {
            int kc = Math.Min(KBlock, k - p0);
            float* ap = a + (long)p0 * csa;
            float* bp = b + (long)p0 * ldb;
            int j = UseAvx512 ? Accumulate512(ap, rsa, csa, bp, ldb, c, ldc, m, n, kc) : 0;
            for (; j + 16 <= n; j += 16)
            {
                int i = 0;
                for (; i + 6 <= m; i += 6)
                {
                    K6x16(ap + (long)i * rsa, rsa, csa, bp + j, ldb, c + (long)i * ldc + j, ldc, kc);
                }

                if (i + 4 <= m)
                {
                    K4x16(ap + (long)i * rsa, rsa, csa, bp + j, ldb, c + (long)i * ldc + j, ldc, kc);
                    i += 4;
                }

                if (i + 2 <= m)
                {
                    K2x16(ap + (long)i * rsa, rsa, csa, bp + j, ldb, c + (long)i * ldc + j, ldc, kc);
                    i += 2;
                }

                for (; i < m; i++)
                {
                    K1x16(ap + (long)i * rsa, csa, bp + j, ldb, c + (long)i * ldc + j, kc);
                }
            }

            for (; j + 8 <= n; j += 8)
            {
                var all = Vector256<float>.AllBitsSet;
                int i = 0;
                for (; i + 6 <= m; i += 6)
                {
                    K6x8(ap + (long)i * rsa, rsa, csa, bp + j, ldb, c + (long)i * ldc + j, ldc, kc, all, false);
                }

                for (; i < m; i++)
                {
                    K1x8(ap + (long)i * rsa, csa, bp + j, ldb, c + (long)i * ldc + j, kc, all, false);
                }
            }

            if (j < n)
            {
                var mask = TailMask(n - j);
                int i = 0;
                for (; i + 6 <= m; i += 6)
                {
                    K6x8(ap + (long)i * rsa, rsa, csa, bp + j, ldb, c + (long)i * ldc + j, ldc, kc, mask, true);
                }

                for (; i < m; i++)
                {
                    K1x8(ap + (long)i * rsa, csa, bp + j, ldb, c + (long)i * ldc + j, kc, mask, true);
                }
            }
        }
    }

    /// <summary>
    /// The AVX-512 part of one inner block: column panels of 32 with 6-row micro-kernels, remaining rows two and one at
    /// a time. Returns the first column it left for the AVX2 kernels (the last n mod 32 columns). Each output lane
    /// accumulates over p in ascending order with one fused multiply-add per step, exactly as the AVX2 kernels do, so
    /// both paths give bit-identical results.
    /// </summary>
    private static int Accumulate512(float* ap, int rsa, int csa, float* bp, int ldb, float* c, int ldc, int m, int n, int kc)
    {
        int j = 0;
        for (; j + 32 <= n; j += 32)
        {
            int i = 0;
            for (; i + 6 <= m; i += 6)
            {
                Z6x32(ap + (long)i * rsa, rsa, csa, bp + j, ldb, c + (long)i * ldc + j, ldc, kc);
            }

            for (; i + 2 <= m; i += 2)
            {
                Z2x32(ap + (long)i * rsa, rsa, csa, bp + j, ldb, c + (long)i * ldc + j, ldc, kc);
            }

            if (i < m)
            {
                Z1x32(ap + (long)i * rsa, csa, bp + j, ldb, c + (long)i * ldc + j, kc);
            }
        }

        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Z6x32(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int kc)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a0 = a;
        float* a1 = a + rsa;
        float* a2 = a + 2 * (long)rsa;
        float* a3 = a + 3 * (long)rsa;
        float* a4 = a + 4 * (long)rsa;
        float* a5 = a + 5 * (long)rsa;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var b0 = Avx512F.LoadVector512(b);
            var b1 = Avx512F.LoadVector512(b + 16);
            var x0 = Vector512.Create(a0[o]);
            c00 = Avx512F.FusedMultiplyAdd(x0, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(x0, b1, c01);
            var x1 = Vector512.Create(a1[o]);
            c10 = Avx512F.FusedMultiplyAdd(x1, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(x1, b1, c11);
            var x2 = Vector512.Create(a2[o]);
            c20 = Avx512F.FusedMultiplyAdd(x2, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(x2, b1, c21);
            var x3 = Vector512.Create(a3[o]);
            c30 = Avx512F.FusedMultiplyAdd(x3, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(x3, b1, c31);
            var x4 = Vector512.Create(a4[o]);
            c40 = Avx512F.FusedMultiplyAdd(x4, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(x4, b1, c41);
            var x5 = Vector512.Create(a5[o]);
            c50 = Avx512F.FusedMultiplyAdd(x5, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(x5, b1, c51);
        }

        Store512(c, c00);
        Store512(c + 16, c01);
        Store512(c + ldc, c10);
        Store512(c + ldc + 16, c11);
        Store512(c + 2 * (long)ldc, c20);
        Store512(c + 2 * (long)ldc + 16, c21);
        Store512(c + 3 * (long)ldc, c30);
        Store512(c + 3 * (long)ldc + 16, c31);
        Store512(c + 4 * (long)ldc, c40);
        Store512(c + 4 * (long)ldc + 16, c41);
        Store512(c + 5 * (long)ldc, c50);
        Store512(c + 5 * (long)ldc + 16, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Z2x32(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int kc)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        float* a0 = a;
        float* a1 = a + rsa;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var b0 = Avx512F.LoadVector512(b);
            var b1 = Avx512F.LoadVector512(b + 16);
            var x0 = Vector512.Create(a0[o]);
            c00 = Avx512F.FusedMultiplyAdd(x0, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(x0, b1, c01);
            var x1 = Vector512.Create(a1[o]);
            c10 = Avx512F.FusedMultiplyAdd(x1, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(x1, b1, c11);
        }

        Store512(c, c00);
        Store512(c + 16, c01);
        Store512(c + ldc, c10);
        Store512(c + ldc + 16, c11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Z1x32(float* a, int csa, float* b, int ldb, float* c, int kc)
    {
        Vector512<float> c00 = default, c01 = default;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var x0 = Vector512.Create(a[o]);
            c00 = Avx512F.FusedMultiplyAdd(x0, Avx512F.LoadVector512(b), c00);
            c01 = Avx512F.FusedMultiplyAdd(x0, Avx512F.LoadVector512(b + 16), c01);
        }

        Store512(c, c00);
        Store512(c + 16, c01);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, Vector512<float> v) => Avx512F.Store(c, Avx512F.Add(Avx512F.LoadVector512(c), v));

    /// <summary>Scalar reference of <see cref="Accumulate"/> (same summation order per output).</summary>
    public static void Reference(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int m, int n, int k)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += a[(long)i * rsa + (long)p * csa] * b[(long)p * ldb + j];
                }

                c[(long)i * ldc + j] += s;
            }
        }
    }

    /// <summary>A mask whose first <paramref name="count"/> (0..8) lanes are set.</summary>
    internal static Vector256<float> TailMask(int count)
    {
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        return Vector256.LessThan(lanes, Vector256.Create(count)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void K6x16(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int kc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a0 = a;
        float* a1 = a + rsa;
        float* a2 = a1 + rsa;
        float* a3 = a2 + rsa;
        float* a4 = a3 + rsa;
        float* a5 = a4 + rsa;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var x = Vector256.Create(a0[o]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[o]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[o]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[o]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a4[o]);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a5[o]);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);
        }

        Add2(c, c00, c01);
        Add2(c + ldc, c10, c11);
        Add2(c + 2 * ldc, c20, c21);
        Add2(c + 3 * ldc, c30, c31);
        Add2(c + 4 * ldc, c40, c41);
        Add2(c + 5 * ldc, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void K4x16(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int kc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        float* a0 = a;
        float* a1 = a + rsa;
        float* a2 = a1 + rsa;
        float* a3 = a2 + rsa;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var x = Vector256.Create(a0[o]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[o]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[o]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[o]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
        }

        Add2(c, c00, c01);
        Add2(c + ldc, c10, c11);
        Add2(c + 2 * ldc, c20, c21);
        Add2(c + 3 * ldc, c30, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void K2x16(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int kc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        float* a0 = a;
        float* a1 = a + rsa;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var x = Vector256.Create(a0[o]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[o]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
        }

        Add2(c, c00, c01);
        Add2(c + ldc, c10, c11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void K1x16(float* a, int csa, float* b, int ldb, float* c, int kc)
    {
        Vector256<float> c0 = default, c1 = default;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var x = Vector256.Create(a[o]);
            c0 = Fma.MultiplyAdd(x, Avx.LoadVector256(b), c0);
            c1 = Fma.MultiplyAdd(x, Avx.LoadVector256(b + 8), c1);
        }

        Add2(c, c0, c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void K6x8(float* a, int rsa, int csa, float* b, int ldb, float* c, int ldc, int kc, Vector256<float> mask, bool masked)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        float* a0 = a;
        float* a1 = a + rsa;
        float* a2 = a1 + rsa;
        float* a3 = a2 + rsa;
        float* a4 = a3 + rsa;
        float* a5 = a4 + rsa;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var b0 = masked ? Avx.MaskLoad(b, mask) : Avx.LoadVector256(b);
            c0 = Fma.MultiplyAdd(Vector256.Create(a0[o]), b0, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(a1[o]), b0, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(a2[o]), b0, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(a3[o]), b0, c3);
            c4 = Fma.MultiplyAdd(Vector256.Create(a4[o]), b0, c4);
            c5 = Fma.MultiplyAdd(Vector256.Create(a5[o]), b0, c5);
        }

        Add1(c, c0, mask, masked);
        Add1(c + ldc, c1, mask, masked);
        Add1(c + 2 * ldc, c2, mask, masked);
        Add1(c + 3 * ldc, c3, mask, masked);
        Add1(c + 4 * ldc, c4, mask, masked);
        Add1(c + 5 * ldc, c5, mask, masked);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void K1x8(float* a, int csa, float* b, int ldb, float* c, int kc, Vector256<float> mask, bool masked)
    {
        Vector256<float> c0 = default;
        long o = 0;
        for (int p = 0; p < kc; p++, o += csa, b += ldb)
        {
            var b0 = masked ? Avx.MaskLoad(b, mask) : Avx.LoadVector256(b);
            c0 = Fma.MultiplyAdd(Vector256.Create(a[o]), b0, c0);
        }

        Add1(c, c0, mask, masked);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add2(float* c, Vector256<float> v0, Vector256<float> v1)
    {
        Avx.Store(c, Avx.Add(Avx.LoadVector256(c), v0));
        Avx.Store(c + 8, Avx.Add(Avx.LoadVector256(c + 8), v1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add1(float* c, Vector256<float> v, Vector256<float> mask, bool masked)
    {
        if (masked)
        {
            Avx.MaskStore(c, mask, Avx.Add(Avx.MaskLoad(c, mask), v));
        }
        else
        {
            Avx.Store(c, Avx.Add(Avx.LoadVector256(c), v));
        }
    }
}
