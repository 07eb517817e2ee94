namespace Motiflens.Interpretation.Attribution;

/// <summary>Nodes and weights on [0, 1] for <see cref="IntegrationRule"/>; weights sum to 1.</summary>
public static class Quadrature
{
    /// <summary>The <paramref name="steps"/> nodes α and weights of <paramref name="rule"/> on [0, 1], α ascending.</summary>
    public static (double[] Nodes, double[] Weights) On01(IntegrationRule rule, int steps)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be >= 1");
        }

        var nodes = new double[steps];
        var weights = new double[steps];
        if (rule == IntegrationRule.Riemann)
        {
            for (int s = 0; s < steps; s++)
            {
                nodes[s] = (s + 0.5) / steps;
                weights[s] = 1.0 / steps;
            }

            return (nodes, weights);
        }

        // Roots of the Legendre polynomial P_m by Newton's method from Tricomi's initial guesses; symmetric pairs.
        int half = (steps + 1) / 2;
        for (int i = 0; i < half; i++)
        {
            double z = Math.Cos(Math.PI * (i + 0.75) / (steps + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p1 = 1, p2 = 0;
                for (int j = 1; j <= steps; j++)
                {
                    double p3 = p2;
                    p2 = p1;
                    p1 = (((2 * j) - 1) * z * p2 - ((j - 1) * p3)) / j;
                }

                derivative = steps * ((z * p1) - p2) / ((z * z) - 1);
                double previous = z;
                z = previous - (p1 / derivative);
                if (Math.Abs(z - previous) < 1e-15)
                {
                    break;
                }
            }

            double w = 2 / ((1 - (z * z)) * derivative * derivative);
            // z is the i-th largest root; map t ∈ [−1, 1] to α = (1 + t)/2 and halve the weight.
            nodes[steps - 1 - i] = (1 + z) / 2;
            nodes[i] = (1 - z) / 2;
            weights[steps - 1 - i] = w / 2;
            weights[i] = w / 2;
        }

        return (nodes, weights);
    }
}
