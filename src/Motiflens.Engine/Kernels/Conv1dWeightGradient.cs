using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// Conv1d weight-gradient kernels, accumulating dW (k, in, out) and db (out) for one sample or one group of samples.
/// Every strategy sums in the dense GEMM's order (inner index = output position), so the choice made by
/// <see cref="Conv1dPlan"/> never changes the bits.
/// </summary>
internal static class Conv1dWeightGradient
{
    /// <summary>Dense input, one sample: dW += im2col(x)ᵀ·dy (one GEMM, or one per tap with dilation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Dense(Conv1dPlan plan, float* src, float* dys, float* dw)
    {
        int c = plan.InChannels, o = plan.OutChannels, lo = plan.OutputLength, k = plan.KernelSize, kc = k * c;
        if (plan.Dilation == 1)
        {
            Gemm.Accumulate(src, 1, plan.Stride * c, dys, o, dw, o, kc, o, lo);
        }
        else
        {
            for (int kk = 0; kk < k; kk++)
            {
                Gemm.Accumulate(src + (long)kk * plan.Dilation * c, 1, plan.Stride * c, dys, o, dw + (long)kk * c * o, o, c, o, lo);
            }
        }
    }

    /// <summary>
    /// Categorical input, one sample: <see cref="Buckets"/> when the plan allows (<paramref name="bucketLists"/> then
    /// holds the chunk's position lists), else <see cref="Scatter"/> through <paramref name="tmp"/> (k·in·out).
    /// </summary>
    public static unsafe void Categorical(Conv1dPlan plan, byte* codes, float* dys, float* dw, int[]? bucketLists, float* tmp)
    {
        if (plan.UsesBuckets)
        {
            Buckets(plan, codes, dys, dw, bucketLists!);
        }
        else
        {
            Scatter(plan, codes, dys, dw, tmp);
        }
    }

    // Short outputs make a per-sample dW GEMM mostly overhead (inner length = output length): copy the im2col rows of a
    // group of samples (~128 rows) into one matrix and run a single GEMM over all of them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Grouped(Conv1dPlan plan, float* dy, int s0, int s1, float* xs0, float[]? pad, float* cols, float* dw, float* db)
    {
        int l = plan.InputLength, c = plan.InChannels, o = plan.OutChannels, lo = plan.OutputLength, kc = plan.KernelSize * c;
        int g = plan.GroupSize;
        {
            for (int g0 = s0; g0 < s1; g0 += g)
            {
                int gn = Math.Min(g, s1 - g0);
                for (int s = g0; s < g0 + gn; s++)
                {
                    float* src = Conv1dLayout.PaddedSample(plan, xs0 + (long)s * l * c, pad);
                    float* dst = cols + (long)(s - g0) * lo * kc;
                    for (int r = 0; r < lo; r++)
                    {
                        Buffer.MemoryCopy(src + (long)r * plan.Stride * c, dst + (long)r * kc, kc * 4L, kc * 4L);
                    }
                }

                float* dyg = dy + (long)g0 * lo * o;
                Gemm.Accumulate(cols, 1, kc, dyg, o, dw, o, kc, o, gn * lo);
                VectorOps.AddColumnSums(dyg, gn * lo, o, db);
            }
        }
    }

    // dW[kk, code, :] = Σ dy[r, :] over output rows r whose tap kk reads channel `code`. Positions are bucketed by
    // code once per sample; each (tap, code) sum then runs in registers over its bucket in ascending r — the order,
    // starting from zero, in which the dense GEMM (inner index = output position) sums, so bits are identical.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Buckets(Conv1dPlan plan, byte* codes, float* dys, float* dw, int[] bucketLists)
    {
        int l = plan.InputLength, c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize, lo = plan.OutputLength, d = plan.Dilation;
        fixed (int* lists = bucketLists)
        {
            int* counts = lists + c * l;
            new Span<int>(counts, c).Clear();
            for (int p = 0; p < l; p++)
            {
                int code = codes[p];
                if (code < c)
                {
                    lists[code * l + counts[code]++] = p + plan.PadLeft;
                }
            }

            for (int g0 = 0; g0 < o; g0 += 32)
            {
                int width = Math.Min(32, o - g0);
                var m0 = Gemm.TailMask(Math.Clamp(width, 0, 8));
                var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
                var m2 = Gemm.TailMask(Math.Clamp(width - 16, 0, 8));
                var m3 = Gemm.TailMask(Math.Clamp(width - 24, 0, 8));
                bool full = width == 32;
                float* dyg = dys + g0;
                for (int kk = 0; kk < k; kk++)
                {
                    int shift = kk * d;
                    for (int code = 0; code < c; code++)
                    {
                        int* list = lists + code * l;
                        int count = counts[code];
                        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                        for (int i = 0; i < count; i++)
                        {
                            int r = list[i] - shift;
                            if ((uint)r >= (uint)lo)
                            {
                                continue;
                            }

                            float* row = dyg + (long)r * o;
                            if (full)
                            {
                                a0 = Avx.Add(a0, Avx.LoadVector256(row));
                                a1 = Avx.Add(a1, Avx.LoadVector256(row + 8));
                                a2 = Avx.Add(a2, Avx.LoadVector256(row + 16));
                                a3 = Avx.Add(a3, Avx.LoadVector256(row + 24));
                            }
                            else
                            {
                                a0 = Avx.Add(a0, Avx.MaskLoad(row, m0));
                                a1 = Avx.Add(a1, Avx.MaskLoad(row + 8, m1));
                                a2 = Avx.Add(a2, Avx.MaskLoad(row + 16, m2));
                                a3 = Avx.Add(a3, Avx.MaskLoad(row + 24, m3));
                            }
                        }

                        Conv1dGather.FlushGather(dw + ((long)kk * c + code) * o + g0, a0, a1, a2, a3, m0, m1, m2, m3, full);
                    }
                }
            }
        }
    }

    // dW[kk, code, :] += dy[l, :] for the selected rows, summed per sample in blocks of 256 output positions
    // exactly as the dense GEMM (inner index = output position) does.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Scatter(Conv1dPlan plan, byte* codes, float* dys, float* dw, float* tmp)
    {
        int l = plan.InputLength, c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize, lo = plan.OutputLength;
        int size = k * c * o;
        for (int r0 = 0; r0 < lo; r0 += Conv1dPlan.GemmBlock)
        {
            int r1 = Math.Min(lo, r0 + Conv1dPlan.GemmBlock);
            new Span<float>(tmp, size).Clear();
            for (int r = r0; r < r1; r++)
            {
                int start = r * plan.Stride - plan.PadLeft;
                for (int kk = 0; kk < k; kk++)
                {
                    int pos = start + kk * plan.Dilation;
                    if ((uint)pos >= (uint)l)
                    {
                        continue;
                    }

                    int code = codes[pos];
                    if (code < c)
                    {
                        VectorOps.AddTo(tmp + ((long)kk * c + code) * o, dys + (long)r * o, o);
                    }
                }
            }

            VectorOps.AddTo(dw, tmp, size);
        }
    }
}
