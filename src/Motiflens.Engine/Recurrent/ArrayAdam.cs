namespace Motiflens.Engine.Recurrent;

/// <summary>
/// Adam on plain float64 parameter arrays (PyTorch <c>torch.optim.Adam</c> defaults: β1 0.9, β2 0.999, ε 1e-8,
/// bias-corrected), for the small recurrent controller whose parameters are not engine tensors. The moment
/// arrays and <see cref="Step"/> are public so a caller can save and restore the optimiser state.
/// </summary>
public sealed class ArrayAdam
{
    /// <summary>Creates state for parameters with the given array lengths.</summary>
    public ArrayAdam(IEnumerable<int> parameterLengths, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameterLengths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        var lengths = parameterLengths.ToArray();
        FirstMoments = lengths.Select(n => new double[n]).ToArray();
        SecondMoments = lengths.Select(n => new double[n]).ToArray();
    }

    public double LearningRate { get; set; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    /// <summary>Number of updates taken so far (PyTorch's <c>step</c>).</summary>
    public int Step { get; set; }

    /// <summary>Per parameter array: exponential average of gradients (<c>exp_avg</c>).</summary>
    public double[][] FirstMoments { get; }

    /// <summary>Per parameter array: exponential average of squared gradients (<c>exp_avg_sq</c>).</summary>
    public double[][] SecondMoments { get; }

    /// <summary>One descent step: <paramref name="parameters"/>[i] -= lr · m̂ / (√v̂ + ε) from <paramref name="gradients"/>[i].</summary>
    public void Update(IReadOnlyList<double[]> parameters, IReadOnlyList<double[]> gradients)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        if (parameters.Count != FirstMoments.Length || gradients.Count != parameters.Count)
        {
            throw new ArgumentException($"expected {FirstMoments.Length} parameter and gradient arrays");
        }

        Step++;
        double c1 = 1 - Math.Pow(Beta1, Step);
        double c2 = 1 - Math.Pow(Beta2, Step);
        for (int p = 0; p < parameters.Count; p++)
        {
            var w = parameters[p];
            var g = gradients[p];
            var m = FirstMoments[p];
            var v = SecondMoments[p];
            if (w.Length != m.Length || g.Length != m.Length)
            {
                throw new ArgumentException($"parameter {p} has length {w.Length} (gradient {g.Length}); the optimiser expects {m.Length}");
            }

            for (int i = 0; i < w.Length; i++)
            {
                m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
                v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
                w[i] -= LearningRate * (m[i] / c1) / (Math.Sqrt(v[i] / c2) + Epsilon);
            }
        }
    }
}
