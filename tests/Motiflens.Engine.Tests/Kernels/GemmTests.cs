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
}
