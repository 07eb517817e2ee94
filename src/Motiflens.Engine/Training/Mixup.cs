namespace Motiflens.Engine.Training;

/// <summary>
/// The mixing step shared by input mixup (Zhang et al. 2018) and manifold mixup (Verma et al. 2019): a batch is
/// combined with a permuted copy of itself, x̃ᵢ = λ·xᵢ + (1 − λ)·x_{π(i)} and ỹᵢ = λ·yᵢ + (1 − λ)·y_{π(i)}.
/// </summary>
/// <remarks>
/// One λ ~ Beta(α, α) and one permutation π per batch (the papers' and their reference code's choice). Targets
/// stay soft (BCE and MSE take targets in [0, 1] / ℝ). A missing (NaN) target makes the mixed target NaN,
/// so the loss masks that entry: the mixed example has no defined label for that task.
/// </remarks>
public static class Mixup
{
    /// <summary>λ ~ Beta(<paramref name="alpha"/>, <paramref name="alpha"/>) for α &gt; 0.</summary>
    public static float Lambda(Random rng, double alpha)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(alpha > 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a positive number");
        }

        return (float)RandomDraws.Beta(rng, alpha, alpha);
    }

    /// <summary>A uniformly random permutation π of 0..n−1 (Fisher–Yates from <paramref name="rng"/>).</summary>
    public static int[] Permutation(Random rng, int n)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var perm = new int[n];
        for (int i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        rng.Shuffle(perm);
        return perm;
    }

    /// <summary>
    /// destination[i] = λ·x[i] + (1 − λ)·x[π(i)] for samples of <paramref name="sampleSize"/> values each
    /// (x and destination: π.Length samples, row-major; they must not overlap).
    /// </summary>
    public static void Mix(ReadOnlySpan<float> x, int sampleSize, ReadOnlySpan<int> permutation, float lambda, Span<float> destination)
    {
        int n = permutation.Length;
        if (x.Length < n * sampleSize || destination.Length < n * sampleSize)
        {
            throw new ArgumentException($"{n} samples of {sampleSize} values need {n * sampleSize} values; got x {x.Length}, destination {destination.Length}");
        }

        float mu = 1f - lambda;
        for (int i = 0; i < n; i++)
        {
            var a = x.Slice(i * sampleSize, sampleSize);
            var b = x.Slice(permutation[i] * sampleSize, sampleSize);
            var d = destination.Slice(i * sampleSize, sampleSize);
            for (int j = 0; j < sampleSize; j++)
            {
                d[j] = (lambda * a[j]) + (mu * b[j]);
            }
        }
    }

    /// <summary>
    /// The gradient of <see cref="Mix"/>: gradX[i] = λ·g[i] + (1 − λ)·Σ_{j: π(j) = i} g[j] (overwrites <paramref name="gradX"/>).
    /// </summary>
    public static void MixBackward(ReadOnlySpan<float> gradient, int sampleSize, ReadOnlySpan<int> permutation, float lambda, Span<float> gradX)
    {
        int n = permutation.Length;
        float mu = 1f - lambda;
        for (int i = 0; i < n * sampleSize; i++)
        {
            gradX[i] = lambda * gradient[i];
        }

        for (int j = 0; j < n; j++)
        {
            var g = gradient.Slice(j * sampleSize, sampleSize);
            var d = gradX.Slice(permutation[j] * sampleSize, sampleSize);
            for (int k = 0; k < sampleSize; k++)
            {
                d[k] += mu * g[k];
            }
        }
    }
}
