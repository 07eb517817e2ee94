using Motiflens.Engine.Recurrent;

namespace Motiflens.Search.Controllers;

/// <summary>Shared pieces of the policy-gradient rules: logit gradients of log π and of the entropy, and the clipped Adam step.</summary>
internal static class PolicyGradient
{
    /// <summary>
    /// Accumulates the gradient of <c>dLogProb · log π(trace) − entropyWeight · H(trace)</c> with respect to the
    /// policy parameters (a loss to minimise).
    /// </summary>
    public static void Accumulate(ControllerPolicy policy, PolicyTrace trace, double dLogProb, double entropyWeight)
    {
        var dz = new double[trace.Probabilities.Count][];
        for (int t = 0; t < dz.Length; t++)
        {
            var p = trace.Probabilities[t];
            double h = 0;
            foreach (var q in p)
            {
                if (q > 0)
                {
                    h -= q * Math.Log(q);
                }
            }

            dz[t] = new double[p.Length];
            for (int k = 0; k < p.Length; k++)
            {
                // ∂log p_a/∂z_k = 1[k=a] − p_k;  ∂H/∂z_k = −p_k (log p_k + H).
                double dLog = (k == trace.Tokens[t] ? 1.0 : 0.0) - p[k];
                double dH = p[k] > 0 ? -p[k] * (Math.Log(p[k]) + h) : 0;
                dz[t][k] = dLogProb * dLog - entropyWeight * dH;
            }
        }

        policy.Backward(trace, dz);
    }

    /// <summary>Clips the accumulated gradient to the global norm limit and takes one Adam step.</summary>
    public static void Step(ControllerPolicy policy, ArrayAdam optimizer, ControllerOptions options)
    {
        if (options.MaxGradNorm > 0)
        {
            double norm = policy.GradientNorm();
            if (norm > options.MaxGradNorm)
            {
                double scale = options.MaxGradNorm / norm;
                foreach (var g in policy.Gradients)
                {
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] *= scale;
                    }
                }
            }
        }

        optimizer.Update(policy.Parameters, policy.Gradients);
    }
}
