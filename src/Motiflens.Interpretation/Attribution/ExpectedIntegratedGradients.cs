using Motiflens.Engine;
using Motiflens.Genomics.Kmers;

namespace Motiflens.Interpretation.Attribution;

/// <summary>
/// Expected integrated gradients (Erion et al. 2021): <c>E_{b, α}[(x − b) ⊙ ∂f/∂x(b + α(x − b))]</c> with
/// references b drawn as dinucleotide shuffles of the sequence and α ~ U(0, 1), estimated from
/// <see cref="Samples"/> draws per sequence (seeded per sequence).
/// </summary>
public sealed class ExpectedIntegratedGradients : IAttributionMethod
{
    /// <summary>Creates the method.</summary>
    public ExpectedIntegratedGradients(int samples = 50, int seed = 0)
    {
        if (samples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "samples must be >= 1");
        }

        Samples = samples;
        Seed = seed;
    }

    /// <summary>Number of (reference, α) draws per sequence.</summary>
    public int Samples { get; }

    /// <summary>Seed of the draws.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public void Attribute(Model model, AttributionBatch batch, int output, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var x = batch.OneHot;
        int length = batch.Length;
        int perSequence = length * 4;
        var randoms = Enumerable.Range(0, batch.Count).Select(b => batch.RandomFor(Seed, b)).ToArray();
        var reference = new byte[length];
        var baseline = new float[x.Length];
        var point = new float[x.Length];
        var gradient = new float[x.Length];
        destination.Clear();
        for (int s = 0; s < Samples; s++)
        {
            for (int b = 0; b < batch.Count; b++)
            {
                DinucleotideShuffle.Shuffle(batch.Codes.AsSpan(b * length, length), reference, randoms[b]);
                float alpha = (float)randoms[b].NextDouble();
                var oneHot = AttributionBatch.OneHotOf(reference);
                for (int i = 0; i < perSequence; i++)
                {
                    int at = (b * perSequence) + i;
                    baseline[at] = oneHot[i];
                    point[at] = oneHot[i] + (alpha * (x[at] - oneHot[i]));
                }
            }

            Array.Clear(gradient);
            ModelCalls.AddGradient(model, point, batch.Count, length, output, 1f, gradient);
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] += (x[i] - baseline[i]) * gradient[i] / Samples;
            }
        }
    }
}
