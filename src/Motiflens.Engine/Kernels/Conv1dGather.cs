using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// Conv1d forward on categorical input (byte codes): each output is a sum of gathered weight rows instead of a GEMM
/// over the one-hot tensor, with bit-identical results (see the summation-order notes on each kernel). Weights are
/// (k, in, out); <see cref="ExtendWeights"/> builds the (k, in + 1, out) form with an all-zero row per tap that the
/// single-block kernels point padding and non-channel codes at.
/// </summary>
internal static class Conv1dGather
{
    /// <summary>
    /// Fills <paramref name="wext"/> (k, in + 1, <see cref="Conv1dPlan.GatherRowStride"/>) from the (k, in, out)
    /// weights and <paramref name="biasExt"/> from the bias (zeros without one), growing either when too small.
    /// </summary>
    /// <remarks>
    /// The rows start at element <paramref name="offset"/> of <paramref name="wext"/>, chosen so they begin on a 64-byte
    /// boundary (the array is allocated pinned with room for it): each row is then whole cache lines, and the kernels'
    /// 512-bit loads never split a line. Callers pass <c>wext + offset</c>; should the array not be pinned, the data is
    /// still at that index, only the alignment is lost.
    /// </remarks>
    public static void ExtendWeights(Conv1dPlan plan, float[] w, ReadOnlySpan<float> bias, ref float[] wext, ref float[] biasExt, out int offset)
    {
        int c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize, ow = plan.GatherRowStride;
        offset = AlignedArrays.Ensure(ref wext, k * (c + 1) * ow);

        for (int kk = 0; kk < k; kk++)
        {
            for (int ci = 0; ci <= c; ci++)
            {
                var dst = wext.AsSpan(offset + ((kk * (c + 1) + ci) * ow), ow);
                dst.Clear();
                if (ci < c)
                {
                    w.AsSpan((kk * c + ci) * o, o).CopyTo(dst);
                }
            }
        }

        if (biasExt.Length < ow)
        {
            biasExt = GC.AllocateArray<float>(ow, pinned: true);
        }

        biasExt.AsSpan().Clear();
        bias.CopyTo(biasExt);
    }

    // Reproduces the dense GEMM's summation order exactly: the GEMM sums the k·Cin products of an output
    // in ascending order within blocks of 256 (each block's sum added to the output separately); zero products
    // leave a sum unchanged, so summing only the selected rows in the same blocks gives identical bits.
    // Output channels go in groups of 32 held in four AVX registers.
    public static unsafe void Sample(Conv1dPlan plan, byte* codes, float* w, float* ys, float* acc, float* wext, float* bext, int* off)
    {
        if (!Avx.IsSupported)
        {
            SampleReference(plan, codes, w, ys, acc);
            return;
        }

        int l = plan.InputLength, c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize;
        if (plan.Dilation > 1 || k * c <= Conv1dPlan.GemmBlock)
        {
            // One block per output (or, with dilation, one per tap, which sums in the same order from zero).
            SingleBlock(plan, codes, ys, wext, bext, off, epilogue: false, relu: false);
            return;
        }

        for (int g0 = 0; g0 < o; g0 += 32)
        {
            int width = Math.Min(32, o - g0);
            bool full = width == 32;
            var m0 = Gemm.TailMask(Math.Clamp(width, 0, 8));
            var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
            var m2 = Gemm.TailMask(Math.Clamp(width - 16, 0, 8));
            var m3 = Gemm.TailMask(Math.Clamp(width - 24, 0, 8));
            for (int r = 0; r < plan.OutputLength; r++)
            {
                float* yr = ys + (long)r * o + g0;
                int start = r * plan.Stride - plan.PadLeft;
                int block = -1;
                bool open = false;
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int kk = 0; kk < k; kk++)
                {
                    int pos = start + kk * plan.Dilation;
                    if ((uint)pos >= (uint)l)
                    {
                        continue;
                    }

                    int code = codes[pos];
                    if (code >= c)
                    {
                        continue;
                    }

                    // Dense path with dilation > 1 runs one GEMM per kernel tap: every tap is its own block.
                    int b = plan.Dilation == 1 ? (kk * c + code) / Conv1dPlan.GemmBlock : kk;
                    if (b != block)
                    {
                        if (open)
                        {
                            FlushGather(yr, a0, a1, a2, a3, m0, m1, m2, m3, full);
                        }

                        a0 = a1 = a2 = a3 = default;
                        block = b;
                        open = true;
                    }

                    float* wr = w + ((long)kk * c + code) * o + g0;
                    if (full)
                    {
                        a0 = Avx.Add(a0, Avx.LoadVector256(wr));
                        a1 = Avx.Add(a1, Avx.LoadVector256(wr + 8));
                        a2 = Avx.Add(a2, Avx.LoadVector256(wr + 16));
                        a3 = Avx.Add(a3, Avx.LoadVector256(wr + 24));
                    }
                    else
                    {
                        a0 = Avx.Add(a0, Avx.MaskLoad(wr, m0));
                        a1 = Avx.Add(a1, Avx.MaskLoad(wr + 8, m1));
                        a2 = Avx.Add(a2, Avx.MaskLoad(wr + 16, m2));
                        a3 = Avx.Add(a3, Avx.MaskLoad(wr + 24, m3));
                    }
                }

                if (open)
                {
                    FlushGather(yr, a0, a1, a2, a3, m0, m1, m2, m3, full);
                }
            }
        }
    }

    // Four output rows at a time (independent add chains hide the add latency), 16 output channels per pass.
    // Branch-free: each input position maps to a row offset into the weights extended by an all-zero row per tap
    // (row stride padded to a multiple of 16, so loads need no masks), which padding and non-channel codes point at
    // (adding +0 leaves the sum's bits unchanged).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static unsafe void SingleBlock(Conv1dPlan plan, byte* codes, float* ys, float* wext, float* bext, int* off, bool epilogue, bool relu)
    {
        if (Gemm.UseAvx512)
        {
            SingleBlock512(plan, codes, ys, wext, bext, off, epilogue, relu);
            return;
        }

        int c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize, lo = plan.OutputLength;
        int s = plan.Stride, d = plan.Dilation;
        int tapStride = (c + 1) * plan.GatherRowStride;
        {
            FillOffsets(plan, codes, off);

            for (int g0 = 0; g0 < o; g0 += 16)
            {
                int width = Math.Min(16, o - g0);
                // Rows are written in order, so a full 16-wide store may spill into the next row's first channels
                // (overwritten next) when there is a single channel group; the sample's last rows are masked.
                bool spill = width == 16 || o <= 16;
                var m0 = Gemm.TailMask(Math.Min(width, 8));
                var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
                float* wg = wext + g0;
                // Adding the bias to the finished sum is what the dense path does after its GEMM: same bits.
                var b0 = epilogue ? Avx.LoadVector256(bext + g0) : Vector256<float>.Zero;
                var b1 = epilogue ? Avx.LoadVector256(bext + g0 + 8) : Vector256<float>.Zero;
                int safeRows = width == 16 ? lo : lo - (16 + o - 1) / o;
                int r = 0;
                for (; r + 4 <= lo; r += 4)
                {
                    Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default;
                    Vector256<float> a20 = default, a21 = default, a30 = default, a31 = default;
                    int* pr = off + r * s;
                    for (int kk = 0; kk < k; kk++)
                    {
                        float* wk = wg + (long)kk * tapStride;
                        int* pk = pr + kk * d;
                        Tap(ref a00, ref a01, wk + pk[0]);
                        Tap(ref a10, ref a11, wk + pk[s]);
                        Tap(ref a20, ref a21, wk + pk[2 * s]);
                        Tap(ref a30, ref a31, wk + pk[3 * s]);
                    }

                    if (epilogue)
                    {
                        Epilogue(ref a00, ref a01, b0, b1, relu);
                        Epilogue(ref a10, ref a11, b0, b1, relu);
                        Epilogue(ref a20, ref a21, b0, b1, relu);
                        Epilogue(ref a30, ref a31, b0, b1, relu);
                    }

                    float* yr = ys + (long)r * o + g0;
                    StoreRow(yr, a00, a01, m0, m1, spill && r < safeRows);
                    StoreRow(yr + o, a10, a11, m0, m1, spill && r + 1 < safeRows);
                    StoreRow(yr + 2 * o, a20, a21, m0, m1, spill && r + 2 < safeRows);
                    StoreRow(yr + 3 * o, a30, a31, m0, m1, spill && r + 3 < safeRows);
                }

                for (; r < lo; r++)
                {
                    Vector256<float> a0 = default, a1 = default;
                    int* pr = off + r * s;
                    for (int kk = 0; kk < k; kk++)
                    {
                        Tap(ref a0, ref a1, wg + (long)kk * tapStride + pr[kk * d]);
                    }

                    if (epilogue)
                    {
                        Epilogue(ref a0, ref a1, b0, b1, relu);
                    }

                    StoreRow(ys + (long)r * o + g0, a0, a1, m0, m1, spill && r < safeRows);
                }
            }
        }
    }

    // The AVX-512 form of GatherSingleBlock: a group of 16 output channels is one zmm register, eight output rows at a
    // time (eight independent add chains). Every lane adds the same rows in the same order, so the bits are the same.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SingleBlock512(Conv1dPlan plan, byte* codes, float* ys, float* wext, float* bext, int* off, bool epilogue, bool relu)
    {
        int c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize, lo = plan.OutputLength;
        int s = plan.Stride, d = plan.Dilation;
        int tapStride = (c + 1) * plan.GatherRowStride;
        {
            FillOffsets(plan, codes, off);

            for (int g0 = 0; g0 < o; g0 += 16)
            {
                int width = Math.Min(16, o - g0);
                bool spill = width == 16 || o <= 16;
                var m0 = Gemm.TailMask(Math.Min(width, 8));
                var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
                float* wg = wext + g0;
                var bias = epilogue ? Avx512F.LoadVector512(bext + g0) : Vector512<float>.Zero;
                int safeRows = width == 16 ? lo : lo - (16 + o - 1) / o;
                int r = 0;
                for (; r + 8 <= lo; r += 8)
                {
                    Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
                    int* pr = off + r * s;
                    if (s == 1 && d == 1)
                    {
                        // The common case, with constant displacements and pointer increments (fewer address
                        // computations per add; the same adds in the same order).
                        float* wk = wg;
                        int* pk = pr;
                        for (int kk = 0; kk < k; kk++, wk += tapStride, pk++)
                        {
                            a0 = Avx512F.Add(a0, Avx512F.LoadVector512(wk + pk[0]));
                            a1 = Avx512F.Add(a1, Avx512F.LoadVector512(wk + pk[1]));
                            a2 = Avx512F.Add(a2, Avx512F.LoadVector512(wk + pk[2]));
                            a3 = Avx512F.Add(a3, Avx512F.LoadVector512(wk + pk[3]));
                            a4 = Avx512F.Add(a4, Avx512F.LoadVector512(wk + pk[4]));
                            a5 = Avx512F.Add(a5, Avx512F.LoadVector512(wk + pk[5]));
                            a6 = Avx512F.Add(a6, Avx512F.LoadVector512(wk + pk[6]));
                            a7 = Avx512F.Add(a7, Avx512F.LoadVector512(wk + pk[7]));
                        }
                    }
                    else
                    {
                        for (int kk = 0; kk < k; kk++)
                        {
                            float* wk = wg + (long)kk * tapStride;
                            int* pk = pr + kk * d;
                            a0 = Avx512F.Add(a0, Avx512F.LoadVector512(wk + pk[0]));
                            a1 = Avx512F.Add(a1, Avx512F.LoadVector512(wk + pk[s]));
                            a2 = Avx512F.Add(a2, Avx512F.LoadVector512(wk + pk[2 * s]));
                            a3 = Avx512F.Add(a3, Avx512F.LoadVector512(wk + pk[3 * s]));
                            a4 = Avx512F.Add(a4, Avx512F.LoadVector512(wk + pk[4 * s]));
                            a5 = Avx512F.Add(a5, Avx512F.LoadVector512(wk + pk[5 * s]));
                            a6 = Avx512F.Add(a6, Avx512F.LoadVector512(wk + pk[6 * s]));
                            a7 = Avx512F.Add(a7, Avx512F.LoadVector512(wk + pk[7 * s]));
                        }
                    }

                    float* yr = ys + (long)r * o + g0;
                    StoreRow512(yr, a0, bias, epilogue, relu, m0, m1, spill && r < safeRows);
                    StoreRow512(yr + o, a1, bias, epilogue, relu, m0, m1, spill && r + 1 < safeRows);
                    StoreRow512(yr + 2 * o, a2, bias, epilogue, relu, m0, m1, spill && r + 2 < safeRows);
                    StoreRow512(yr + 3 * o, a3, bias, epilogue, relu, m0, m1, spill && r + 3 < safeRows);
                    StoreRow512(yr + 4 * o, a4, bias, epilogue, relu, m0, m1, spill && r + 4 < safeRows);
                    StoreRow512(yr + 5 * o, a5, bias, epilogue, relu, m0, m1, spill && r + 5 < safeRows);
                    StoreRow512(yr + 6 * o, a6, bias, epilogue, relu, m0, m1, spill && r + 6 < safeRows);
                    StoreRow512(yr + 7 * o, a7, bias, epilogue, relu, m0, m1, spill && r + 7 < safeRows);
                }

                for (; r < lo; r++)
                {
                    Vector512<float> a0 = default;
                    int* pr = off + r * s;
                    for (int kk = 0; kk < k; kk++)
                    {
                        a0 = Avx512F.Add(a0, Avx512F.LoadVector512(wg + (long)kk * tapStride + pr[kk * d]));
                    }

                    StoreRow512(ys + (long)r * o + g0, a0, bias, epilogue, relu, m0, m1, spill && r < safeRows);
                }
            }
        }
    }

    // Bias and ReLU as Epilogue does them, then the row store of StoreRow on the two halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow512(float* y, Vector512<float> a, Vector512<float> bias, bool epilogue, bool relu,
        Vector256<float> m0, Vector256<float> m1, bool full)
    {
        if (epilogue)
        {
            a = Avx512F.Add(a, bias);
            if (relu)
            {
                a = Avx512F.Max(Vector512<float>.Zero, a);
            }
        }

        if (full)
        {
            Avx512F.Store(y, a);
        }
        else
        {
            StoreRow(y, a.GetLower(), a.GetUpper(), m0, m1, false);
        }
    }

    // Row offset into the extended weights for every padded input position: code · row stride, or the all-zero row
    // for padding and non-channel codes (N).
    private static unsafe void FillOffsets(Conv1dPlan plan, byte* codes, int* off)
    {
        int l = plan.InputLength, c = plan.InChannels, ow = plan.GatherRowStride, zero = c * ow;
        for (int p = 0; p < plan.PaddedLength; p++)
        {
            int pos = p - plan.PadLeft;
            int code = (uint)pos < (uint)l ? codes[pos] : c;
            off[p] = code < c ? code * ow : zero;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Epilogue(ref Vector256<float> a0, ref Vector256<float> a1, Vector256<float> b0, Vector256<float> b1, bool relu)
    {
        a0 = Avx.Add(a0, b0);
        a1 = Avx.Add(a1, b1);
        if (relu)
        {
            // maxps(0, v) keeps NaN like the separate ReLU kernel.
            a0 = Avx.Max(Vector256<float>.Zero, a0);
            a1 = Avx.Max(Vector256<float>.Zero, a1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tap(ref Vector256<float> a0, ref Vector256<float> a1, float* wr)
    {
        a0 = Avx.Add(a0, Avx.LoadVector256(wr));
        a1 = Avx.Add(a1, Avx.LoadVector256(wr + 8));
    }

    // The output starts at zero and 0 + acc == acc bit for bit (acc starts at +0, so it is never −0): store directly.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(float* y, Vector256<float> a0, Vector256<float> a1, Vector256<float> m0, Vector256<float> m1, bool full)
    {
        if (full)
        {
            Avx.Store(y, a0);
            Avx.Store(y + 8, a1);
        }
        else
        {
            Avx.MaskStore(y, m0, a0);
            Avx.MaskStore(y + 8, m1, a1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void FlushGather(float* y, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, bool full)
    {
        if (full)
        {
            Avx.Store(y, Avx.Add(Avx.LoadVector256(y), a0));
            Avx.Store(y + 8, Avx.Add(Avx.LoadVector256(y + 8), a1));
            Avx.Store(y + 16, Avx.Add(Avx.LoadVector256(y + 16), a2));
            Avx.Store(y + 24, Avx.Add(Avx.LoadVector256(y + 24), a3));
        }
        else
        {
            Avx.MaskStore(y, m0, Avx.Add(Avx.MaskLoad(y, m0), a0));
            Avx.MaskStore(y + 8, m1, Avx.Add(Avx.MaskLoad(y + 8, m1), a1));
            Avx.MaskStore(y + 16, m2, Avx.Add(Avx.MaskLoad(y + 16, m2), a2));
            Avx.MaskStore(y + 24, m3, Avx.Add(Avx.MaskLoad(y + 24, m3), a3));
        }
    }

    /// <summary>Scalar-loop reference of <see cref="Sample"/> (same summation order).</summary>
    public static unsafe void SampleReference(Conv1dPlan plan, byte* codes, float* w, float* ys, float* acc)
    {
        int l = plan.InputLength, c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize;
        for (int r = 0; r < plan.OutputLength; r++)
        {
            float* row = ys + (long)r * o;
            int start = r * plan.Stride - plan.PadLeft;
            int block = -1;
            bool open = false;
            for (int kk = 0; kk < k; kk++)
            {
                int pos = start + kk * plan.Dilation;
                if ((uint)pos >= (uint)l)
                {
                    continue;
                }

                int code = codes[pos];
                if (code >= c)
                {
                    continue;
                }

                int b = plan.Dilation == 1 ? (kk * c + code) / Conv1dPlan.GemmBlock : kk;
                if (b != block)
                {
                    if (open)
                    {
                        VectorOps.AddToReference(row, acc, o);
                    }

                    new Span<float>(acc, o).Clear();
                    block = b;
                    open = true;
                }

                VectorOps.AddToReference(acc, w + ((long)kk * c + code) * o, o);
            }

            if (open)
            {
                VectorOps.AddToReference(row, acc, o);
            }
        }
    }
}
