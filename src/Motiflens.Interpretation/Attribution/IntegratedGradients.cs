using Motiflens.Engine;
using Motiflens.Genomics.Kmers;

namespace Motiflens.Interpretation.Attribution;

/// <summary>
/// Integrated gradients (Sundararajan et al. 2017): <c>(x − b) ⊙ ∫₀¹ ∂f/∂x(b + α(x − b)) dα</c>, the integral
/// approximated by <see cref="Rule"/> with <see cref="Steps"/> nodes. Completeness: Σ attributions ≈ f(x) − f(b).
/// </summary>
public sealed class IntegratedGradients : IAttributionMethod
{
    private readonly double[] _nodes;
    private readonly double[] _weights;

    /// <summary>Creates the method; <paramref name="seed"/> only matters for the shuffled baseline.</summary>
    public IntegratedGradients(int steps = 50, IntegratedGradientsBaseline baseline = IntegratedGradientsBaseline.Zeros, IntegrationRule rule = IntegrationRule.GaussLegendre, int seed = 0)
    {
        (_nodes, _weights) = Quadrature.On01(rule, steps);
        Steps = steps;
        Baseline = baseline;
        Rule = rule;
        Seed = seed;
    }

    /// <summary>Number of gradient evaluations per sequence.</summary>
    public int Steps { get; }

    /// <summary>The reference input.</summary>
    public IntegratedGradientsBaseline Baseline { get; }

    /// <summary>The quadrature rule.</summary>
    public IntegrationRule Rule { get; }

    /// <summary>Seed of the shuffled baseline.</summary>
    public int Seed { get; }

    /// <summary>The baseline (B, L, 4) this method uses for <paramref name="batch"/>.</summary>
    public float[] BaselineOf(AttributionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        switch (Baseline)
        {
            case IntegratedGradientsBaseline.Zeros:
                return new float[batch.OneHot.Length];
            case IntegratedGradientsBaseline.Uniform:
                var uniform = new float[batch.OneHot.Length];
                Array.Fill(uniform, 0.25f);
                return uniform;
            default:
                var shuffled = new byte[batch.Codes.Length];
                for (int b = 0; b < batch.Count; b++)
                {
                    var row = batch.Codes.AsSpan(b * batch.Length, batch.Length);
                    DinucleotideShuffle.Shuffle(row, shuffled.AsSpan(b * batch.Length, batch.Length), batch.RandomFor(Seed, b));
                }

                return AttributionBatch.OneHotOf(shuffled);
        }
    }

    /// <inheritdoc />
    public void Attribute(Model model, AttributionBatch batch, int output, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var baseline = BaselineOf(batch);
        PathIntegral(model, batch, baseline, output, _nodes, _weights, destination);
    }

    /// <summary>(x − b) ⊙ Σ_s w_s ∂f/∂x(b + α_s(x − b)) for a batch.</summary>
    internal static void PathIntegral(Model model, AttributionBatch batch, float[] baseline, int output, double[] nodes, double[] weights, Span<float> destination)
    {
        var x = batch.OneHot;
        var point = new float[x.Length];
        destination.Clear();
        for (int s = 0; s < nodes.Length; s++)
        {
            float alpha = (float)nodes[s];
            for (int i = 0; i < x.Length; i++)
            {
                point[i] = baseline[i] + (alpha * (x[i] - baseline[i]));
            }

            ModelCalls.AddGradient(model, point, batch.Count, batch.Length, output, (float)weights[s], destination);
        }

        for (int i = 0; i < x.Length; i++)
        {
            destination[i] *= x[i] - baseline[i];
        }
    }
}
