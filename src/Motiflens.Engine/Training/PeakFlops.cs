using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Motiflens.Engine.Training;

/// <summary>
/// Measures this machine's attainable FP32 peak: every thread runs twelve independent chains of fused multiply-adds on
/// registers (the widest vectors the engine's kernels use: 512-bit with AVX-512, else 256-bit FMA, else scalar), the
/// loop GEMM micro-kernels approach but never exceed. The denominator of the "% of peak" column in docs/PERFORMANCE.md.
/// </summary>
public static class PeakFlops
{
    private const int Unroll = 100_000;

    // Inputs read from and results written to fields, so the JIT can neither fold nor drop the chains.
    private static float s_x = 1.000001f;
    private static float s_y = 0.999999f;
    private static float s_sink;

    /// <summary>The instruction set measured: "avx512", "avx2-fma" or "scalar".</summary>
    public static string Isa => Avx512F.IsSupported ? "avx512" : Fma.IsSupported ? "avx2-fma" : "scalar";

    /// <summary>Runs <paramref name="threads"/> threads for <paramref name="seconds"/>; returns the summed GFLOP/s (1 FMA lane = 2 FLOPs).</summary>
    public static double Measure(int threads, double seconds = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var flops = new double[threads];
        using var start = new Barrier(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                Run(0.05); // warm-up: JIT and frequency ramp
                start.SignalAndWait();
                flops[id] = Run(seconds);
            });
            workers[t].Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }

        return flops.Sum() / 1e9;
    }

    // FLOPs per second of one thread. The chains run in bursts in methods without calls, so their accumulators stay in
    // registers (a call inside the loop would make the JIT spill every vector to the stack after each FMA).
    private static double Run(double seconds)
    {
        long fmas = 0;
        var clock = Stopwatch.StartNew();
        int lanes = Avx512F.IsSupported ? 16 : Fma.IsSupported ? 8 : 1;
        int perIteration = lanes == 1 ? 8 : 12;
        do
        {
            s_sink += lanes == 16 ? Burst512(Unroll) : lanes == 8 ? Burst256(Unroll) : BurstScalar(Unroll);
            fmas += (long)perIteration * Unroll;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        return 2.0 * lanes * fmas / clock.Elapsed.TotalSeconds;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Burst512(int iterations)
    {
        var x = Vector512.Create(s_x);
        var y = Vector512.Create(s_y);
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<float> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(x, y, c0);
            c1 = Avx512F.FusedMultiplyAdd(x, y, c1);
            c2 = Avx512F.FusedMultiplyAdd(x, y, c2);
            c3 = Avx512F.FusedMultiplyAdd(x, y, c3);
            c4 = Avx512F.FusedMultiplyAdd(x, y, c4);
            c5 = Avx512F.FusedMultiplyAdd(x, y, c5);
            c6 = Avx512F.FusedMultiplyAdd(x, y, c6);
            c7 = Avx512F.FusedMultiplyAdd(x, y, c7);
            c8 = Avx512F.FusedMultiplyAdd(x, y, c8);
            c9 = Avx512F.FusedMultiplyAdd(x, y, c9);
            c10 = Avx512F.FusedMultiplyAdd(x, y, c10);
            c11 = Avx512F.FusedMultiplyAdd(x, y, c11);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Burst256(int iterations)
    {
        var x = Vector256.Create(s_x);
        var y = Vector256.Create(s_y);
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector256<float> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(x, y, c0);
            c1 = Fma.MultiplyAdd(x, y, c1);
            c2 = Fma.MultiplyAdd(x, y, c2);
            c3 = Fma.MultiplyAdd(x, y, c3);
            c4 = Fma.MultiplyAdd(x, y, c4);
            c5 = Fma.MultiplyAdd(x, y, c5);
            c6 = Fma.MultiplyAdd(x, y, c6);
            c7 = Fma.MultiplyAdd(x, y, c7);
            c8 = Fma.MultiplyAdd(x, y, c8);
            c9 = Fma.MultiplyAdd(x, y, c9);
            c10 = Fma.MultiplyAdd(x, y, c10);
            c11 = Fma.MultiplyAdd(x, y, c11);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float BurstScalar(int iterations)
    {
        float x = s_x, y = s_y, c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
        for (int i = 0; i < iterations; i++)
        {
            c0 = MathF.FusedMultiplyAdd(x, y, c0);
            c1 = MathF.FusedMultiplyAdd(x, y, c1);
            c2 = MathF.FusedMultiplyAdd(x, y, c2);
            c3 = MathF.FusedMultiplyAdd(x, y, c3);
            c4 = MathF.FusedMultiplyAdd(x, y, c4);
            c5 = MathF.FusedMultiplyAdd(x, y, c5);
            c6 = MathF.FusedMultiplyAdd(x, y, c6);
            c7 = MathF.FusedMultiplyAdd(x, y, c7);
        }

        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7;
    }
}
