namespace Motiflens.Engine.Training;

/// <summary>Draws from the continuous distributions the regularisers need, from a caller-seeded <see cref="Random"/>.</summary>
internal static class RandomDraws
{
    /// <summary>A standard normal draw (Box–Muller, one of the pair; two uniforms per draw keep the stream simple).</summary>
    public static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(); // (0, 1], so the log is finite
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Adds σ·z, z ~ N(0, 1) independently, to every value (Box–Muller, both values of each pair used).</summary>
    public static void AddGaussian(Random rng, Span<float> values, float sigma)
    {
        int i = 0;
        for (; i + 1 < values.Length; i += 2)
        {
            double r = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble()));
            double angle = 2.0 * Math.PI * rng.NextDouble();
            var (sin, cos) = Math.SinCos(angle);
            values[i] += sigma * (float)(r * cos);
            values[i + 1] += sigma * (float)(r * sin);
        }

        if (i < values.Length)
        {
            values[i] += sigma * (float)Gaussian(rng);
        }
    }

    /// <summary>A Gamma(<paramref name="shape"/>, 1) draw (Marsaglia &amp; Tsang 2000; shape &lt; 1 by the U^(1/shape) boost).</summary>
    public static double Gamma(Random rng, double shape)
    {
        if (shape < 1)
        {
            double u = 1.0 - rng.NextDouble();
            return Gamma(rng, shape + 1) * Math.Pow(u, 1.0 / shape);
        }

        double d = shape - (1.0 / 3.0);
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Gaussian(rng);
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            double u = 1.0 - rng.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>A Beta(<paramref name="a"/>, <paramref name="b"/>) draw as G₁ / (G₁ + G₂) with Gᵢ Gamma draws.</summary>
    public static double Beta(Random rng, double a, double b)
    {
        double x = Gamma(rng, a);
        double y = Gamma(rng, b);
        double s = x + y;

        // Tiny shapes can underflow both draws to 0; the limit of Beta(α, α) as α → 0 is a fair coin on {0, 1}.
        return s > 0 ? x / s : (rng.NextDouble() < 0.5 ? 0.0 : 1.0);
    }
}
