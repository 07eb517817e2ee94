using Motiflens.Engine;

namespace Motiflens.Interpretation.Attribution;

/// <summary>
/// SmoothGrad (Smilkov et al. 2017): the mean input gradient over <see cref="Samples"/> noisy copies
/// x + ε, ε ~ N(0, σ²) per channel. Noise is seeded per sequence, so maps do not depend on the batch size.
/// </summary>
public sealed class SmoothGrad : IAttributionMethod
{
    /// <summary>Creates the method.</summary>
    public SmoothGrad(int samples = 50, double sigma = 0.15, int seed = 0)
    {
        if (samples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "samples must be >= 1");
        }

        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be a finite number >= 0");
        }

        Samples = samples;
        Sigma = sigma;
        Seed = seed;
    }

    /// <summary>Number of noisy copies.</summary>
    public int Samples { get; }

    /// <summary>Standard deviation σ of the Gaussian noise (one-hot inputs span 0..1).</summary>
    public double Sigma { get; }

    /// <summary>Seed of the noise.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public void Attribute(Model model, AttributionBatch batch, int output, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var x = batch.OneHot;
        int perSequence = batch.Length * 4;
        var randoms = Enumerable.Range(0, batch.Count).Select(b => batch.RandomFor(Seed, b)).ToArray();
        var noisy = new float[x.Length];
        destination.Clear();
        for (int s = 0; s < Samples; s++)
        {
            for (int b = 0; b < batch.Count; b++)
            {
                var random = randoms[b];
                for (int i = b * perSequence; i < (b + 1) * perSequence; i++)
                {
                    noisy[i] = x[i] + (float)(Sigma * Gaussian(random));
                }
            }

            ModelCalls.AddGradient(model, noisy, batch.Count, batch.Length, output, 1f / Samples, destination);
        }
    }

    // Box–Muller; one draw per call keeps the stream simple and reproducible.
    internal static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
