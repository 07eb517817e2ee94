using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Tests.Kernels;

public class GemmTests
{
    private static unsafe void Compare(int m, int n, int k, bool transposedA, int seed)
    {
        var rng = new Random(seed);
        int rsa = transposedA ? 1 : k + 3, csa = transposedA ? m + 2 : 1;
        var a = new float[Math.Max(1, (m + 2) * (k + 3) + 8)];
        var b = new float[Math.Max(1, k * (n + 1) + 8)];
        var c1 = new float[Math.Max(1, m * (n + 5) + 8)];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)rng.NextDouble() - 0.5f;
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (float)rng.NextDouble() - 0.5f;
        }

        for (int i = 0; i < c1.Length; i++)
        {
            c1[i] = (float)rng.NextDouble();
        }

        var c2 = (float[])c1.Clone();
        fixed (float* pa = a, pb = b, p1 = c1, p2 = c2)
        {
            Gemm.Accumulate(pa, rsa, csa, pb, n + 1, p1, n + 5, m, n, k);
            Gemm.Reference(pa, rsa, csa, pb, n + 1, p2, n + 5, m, n, k);
        }

        for (int i = 0; i < c1.Length; i++)
        {
            Assert.True(Math.Abs(c1[i] - c2[i]) <= 1e-5f * (1 + k), $"m={m} n={n} k={k} [{i}]: {c1[i]} vs {c2[i]}");
        }
    }

    [Fact]
    public void Gemm_MatchesScalarReferenceForAllSmallShapes()
    {
        int seed = 0;
        for (int m = 0; m <= 13; m++)
        {
            for (int n = 0; n <= 40; n += m % 2 == 0 ? 1 : 3)
            {
                foreach (int k in new[] { 0, 1, 3, 17 })
                {
                    Compare(m, n, k, transposedA: (seed & 1) == 0, seed++);
                }
            }
        }
    }

    [Fact]
    public void Gemm_MatchesScalarReferenceAcrossInnerBlocks()
    {
        Compare(19, 70, 600, false, 1);
        Compare(7, 9, 513, true, 2);
    }

    [Fact]
    public unsafe void Gemm_Avx512AndAvx2Paths_AreBitIdentical()
    {
        // Without AVX-512 both calls take the AVX2 path; on this project's machines (AVX-512) they take different ones.
        var rng = new Random(11);
        foreach (var (m, n, k) in new[] { (13, 96, 300), (7, 64, 19), (6, 47, 33), (5, 32, 7), (3, 16, 600), (9, 100, 256) })
        {
            var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
            var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
            var c512 = Enumerable.Range(0, m * n).Select(_ => (float)rng.NextDouble()).ToArray();
            var c256 = (float[])c512.Clone();
            bool saved = Gemm.UseAvx512;
            try
            {
                fixed (float* pa = a, pb = b, p512 = c512, p256 = c256)
                {
                    Gemm.Accumulate(pa, k, 1, pb, n, p512, n, m, n, k);
                    Gemm.UseAvx512 = false;
                    Gemm.Accumulate(pa, k, 1, pb, n, p256, n, m, n, k);
                }
            }
            finally
            {
                Gemm.UseAvx512 = saved;
            }

            Assert.Equal(c256, c512);
        }
    }
}
