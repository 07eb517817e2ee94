using System.Runtime.CompilerServices;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Kernels;

/// <summary>Conv1d forward on dense (float) input: the im2col GEMM over overlapping rows of the padded sample.</summary>
internal static class Conv1dForward
{
    /// <summary>
    /// ys (Lout, out) += im2col(src)·W for one padded sample <paramref name="src"/> (Lp, in) and weights (k, in, out):
    /// one GEMM whose A rows overlap (row stride = stride·in), or with dilation one GEMM per kernel tap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Dense(Conv1dPlan plan, float* src, float* w, float* ys)
    {
        int c = plan.InChannels, o = plan.OutChannels, lo = plan.OutputLength, k = plan.KernelSize;
        if (plan.Dilation == 1)
        {
            Gemm.Accumulate(src, plan.Stride * c, 1, w, o, ys, o, lo, o, k * c);
        }
        else
        {
            for (int kk = 0; kk < k; kk++)
            {
                Gemm.Accumulate(src + (long)kk * plan.Dilation * c, plan.Stride * c, 1, w + (long)kk * c * o, o, ys, o, lo, o, c);
            }
        }
    }

    /// <summary>Adds the bias (out) to every output row of one sample.</summary>
    public static unsafe void AddBias(Conv1dPlan plan, float* ys, float* bias)
    {
        int o = plan.OutChannels;
        for (int r = 0; r < plan.OutputLength; r++)
        {
            VectorOps.AddTo(ys + (long)r * o, bias, o);
        }
    }
}
