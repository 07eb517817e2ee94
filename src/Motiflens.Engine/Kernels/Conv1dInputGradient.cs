using System.Runtime.CompilerServices;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// Conv1d input-gradient kernels: dL/dx of one sample from dL/dy and the weights transposed (and, for the flipped
/// GEMM, tap-reversed) by <see cref="TransposeWeights"/>. The strategy is <see cref="Conv1dPlan.InputGradient"/>.
/// </summary>
internal static class Conv1dInputGradient
{
    /// <summary>dL/dx of one sample into <paramref name="dxs"/> (L, in); <paramref name="dxPad"/> and <paramref name="dyPad"/> are the chunk's scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <param name="wtp">The transposed weights (<see cref="TransposeWeights"/>'s array at the offset it returned).</param>
    public static unsafe void Sample(Conv1dPlan plan, float* dys, float* dxs, float[] dxPad, float[]? dyPad, float* wtp)
    {
        int l = plan.InputLength, c = plan.InChannels, o = plan.OutChannels, lo = plan.OutputLength, k = plan.KernelSize;
        int lp = plan.PaddedLength;
        bool padded = plan.IsPadded;
        fixed (float* dxp = dxPad)
        {
            if (plan.InputGradient == Conv1dInputGradientKind.FlippedGemm)
            {
                // dx[j] = Σ_k' dyPad[j + k'] · Wflip[k'] with dyPad = dy framed by k−1 zero rows: one GEMM, inner k·out,
                // over the unpadded rows only (padded positions' gradients are never needed), written straight into dx.
                fixed (float* dyp = dyPad!)
                {
                    int frame = (k - 1) * o;
                    new Span<float>(dyp, frame).Clear();
                    new Span<float>(dyp + frame + (long)lo * o, frame).Clear();
                    Buffer.MemoryCopy(dys, dyp + frame, (long)lo * o * 4, (long)lo * o * 4);
                    new Span<float>(dxs, l * c).Clear();
                    Gemm.Accumulate(dyp + (long)plan.PadLeft * o, o, 1, wtp, c, dxs, c, l, c, k * o);
                }

                return;
            }

            float* target = padded ? dxp : dxs;
            new Span<float>(target, lp * c).Clear();
            if (plan.InputGradient == Conv1dInputGradientKind.ColumnScatter)
            {
                // Few input channels: Z = dY·Wᵀ with a wide (k·in) output, then scatter-add ("col2im"): the rows of Z
                // are exactly the contiguous k·in slices of dx that output position l touched.
                fixed (float* z = dyPad!)
                {
                    int kc = k * c;
                    new Span<float>(z, lo * kc).Clear();
                    Gemm.Accumulate(dys, o, 1, wtp, kc, z, kc, lo, kc, o);
                    for (int r = 0; r < lo; r++)
                    {
                        VectorOps.AddTo(target + (long)r * c, z + (long)r * kc, kc);
                    }
                }
            }
            else
            {
                for (int kk = 0; kk < k; kk++)
                {
                    Gemm.Accumulate(dys, o, 1, wtp + (long)kk * o * c, c, target + (long)kk * plan.Dilation * c, plan.Stride * c, lo, c, o);
                }
            }

            if (padded)
            {
                Buffer.MemoryCopy(dxp + (long)plan.PadLeft * c, dxs, (long)l * c * 4, (long)l * c * 4);
            }
        }
    }

    // wt[kk][o][c] = W[kk][c][o], with the taps reversed for the single flipped GEMM (stride 1, dilation 1), written from
    // the returned 64-byte-aligned offset of wt (AlignedArrays).
    public static int TransposeWeights(Conv1dPlan plan, float[] w, ref float[] wt)
    {
        int c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize;
        int offset = AlignedArrays.Ensure(ref wt, k * c * o);
        var target = wt.AsSpan(offset, k * c * o);

        if (plan.InputGradient == Conv1dInputGradientKind.ColumnScatter)
        {
            // wt[o][kk·in + c] = W[kk][c][o]: the (out, k·in) matrix.
            int kc = k * c;
            for (int r = 0; r < kc; r++)
            {
                for (int oi = 0; oi < o; oi++)
                {
                    target[oi * kc + r] = w[r * o + oi];
                }
            }

            return offset;
        }

        bool flip = plan.Stride == 1 && plan.Dilation == 1;
        for (int kk = 0; kk < k; kk++)
        {
            int dst = (flip ? k - 1 - kk : kk) * o * c;
            for (int ci = 0; ci < c; ci++)
            {
                int src = (kk * c + ci) * o;
                for (int oi = 0; oi < o; oi++)
                {
                    target[dst + oi * c + ci] = w[src + oi];
                }
            }
        }

        return offset;
    }
}
