namespace Motiflens.Engine.Optim;

/// <summary>L1/L2 weight penalties: loss term l1·Σ|w| + l2·Σw² (Keras convention), gradient added to the parameters' grads.</summary>
public static class Penalties
{
    /// <summary>The penalty value l1·Σ|w| + l2·Σw² over <paramref name="parameters"/>.</summary>
    public static double Value(IEnumerable<Parameter> parameters, float l1, float l2)
    {
        double s = 0;
        foreach (var p in parameters)
        {
            foreach (float w in p.Value.Span)
            {
                s += l1 * Math.Abs(w) + l2 * (double)w * w;
            }
        }

        return s;
    }

    /// <summary>Adds l1·sign(w) + 2·l2·w to each parameter's gradient (sign(0) = 0).</summary>
    public static void AddGradients(IEnumerable<Parameter> parameters, float l1, float l2)
    {
        foreach (var p in parameters)
        {
            var w = p.Value.Span;
            var g = p.Grad.Span;
            for (int i = 0; i < w.Length; i++)
            {
                g[i] += l1 * MathF.Sign(w[i]) + 2f * l2 * w[i];
            }
        }
    }
}
