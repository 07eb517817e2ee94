namespace Motiflens.Engine.Optim;

/// <summary>Gradient-norm clipping.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients by maxNorm/(norm + 1e-6) when the global L2 norm over every parameter's gradient exceeds
    /// <paramref name="maxNorm"/>; returns the norm before clipping.
    /// </summary>
    /// <remarks>PyTorch equivalent: <c>torch.nn.utils.clip_grad_norm_(params, max_norm)</c>.</remarks>
    public static float ClipGlobalNorm(IEnumerable<Parameter> parameters, float maxNorm)
    {
        var list = parameters.Where(p => p.Trainable).ToList();
        double sq = 0;
        foreach (var p in list)
        {
            foreach (float g in p.Grad.Span)
            {
                sq += (double)g * g;
            }
        }

        float norm = (float)Math.Sqrt(sq);
        float coef = maxNorm / (norm + 1e-6f);
        if (coef < 1f)
        {
            foreach (var p in list)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(p.Grad.Span, coef, p.Grad.Span);
            }
        }

        return norm;
    }
}
