using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// Conv1d's layouts: weights are kept (k, in, out) so the im2col row of an output position is a contiguous input
/// slice; state dicts use PyTorch's (out, in, k). Padded samples are copied into a zero-framed buffer.
/// </summary>
internal static class Conv1dLayout
{
    /// <summary>(out, in, k) → internal (k, in, out).</summary>
    public static void FromTorch(Conv1dPlan plan, ReadOnlySpan<float> torch, Span<float> internalLayout)
    {
        int c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize;
        for (int oi = 0; oi < o; oi++)
        {
            for (int ci = 0; ci < c; ci++)
            {
                for (int kk = 0; kk < k; kk++)
                {
                    internalLayout[(kk * c + ci) * o + oi] = torch[(oi * c + ci) * k + kk];
                }
            }
        }
    }

    /// <summary>Internal (k, in, out) → (out, in, k).</summary>
    public static void ToTorch(Conv1dPlan plan, ReadOnlySpan<float> internalLayout, Span<float> torch)
    {
        int c = plan.InChannels, o = plan.OutChannels, k = plan.KernelSize;
        for (int oi = 0; oi < o; oi++)
        {
            for (int ci = 0; ci < c; ci++)
            {
                for (int kk = 0; kk < k; kk++)
                {
                    torch[(oi * c + ci) * k + kk] = internalLayout[(kk * c + ci) * o + oi];
                }
            }
        }
    }

    /// <summary>
    /// Copies a sample into <paramref name="pad"/> (its pads stay zero) unless no padding is needed, and returns where
    /// the padded sample starts. The pointer into <paramref name="pad"/> is stable because the caller pins it.
    /// </summary>
    public static unsafe float* PaddedSample(Conv1dPlan plan, float* xs, float[]? pad)
    {
        if (!plan.IsPadded)
        {
            return xs;
        }

        fixed (float* p = pad!)
        {
            long bytes = (long)plan.InputLength * plan.InChannels * 4;
            Buffer.MemoryCopy(xs, p + (long)plan.PadLeft * plan.InChannels, bytes, bytes);
            return p;
        }
    }
}
