namespace Motiflens.Engine.Training;

/// <summary>
/// L∞ adversarial perturbations of a (one-hot) input batch: the FGSM step of Goodfellow et al. (2015) and the
/// projected signed-gradient steps of PGD (Madry et al. 2018). Shapes: every span holds the same (N, L, C) values.
/// </summary>
/// <remarks>sign(0) = 0, so positions whose loss gradient is exactly zero are not moved. The perturbed input is not clipped to [0, 1].</remarks>
public static class AdversarialExamples
{
    /// <summary>FGSM: destination = x + ε·sign(∇ₓ loss).</summary>
    public static void Fgsm(ReadOnlySpan<float> x, ReadOnlySpan<float> inputGradient, float epsilon, Span<float> destination)
    {
        CheckLengths(x, inputGradient, destination);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] + (epsilon * MathF.Sign(inputGradient[i]));
        }
    }

    /// <summary>PGD's random start: destination = x + U(−ε, ε) per entry.</summary>
    public static void RandomStart(ReadOnlySpan<float> x, float epsilon, Random rng, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(rng);
        CheckLengths(x, x, destination);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] + (epsilon * (float)((2 * rng.NextDouble()) - 1));
        }
    }

    /// <summary>
    /// One PGD step in place: adversarial ← Π_{‖· − x‖∞ ≤ ε}(adversarial + α·sign(∇ loss at adversarial)), the projection
    /// clamping each entry to [x − ε, x + ε].
    /// </summary>
    public static void PgdStep(Span<float> adversarial, ReadOnlySpan<float> x, ReadOnlySpan<float> inputGradient, float stepSize, float epsilon)
    {
        CheckLengths(x, inputGradient, adversarial);
        for (int i = 0; i < x.Length; i++)
        {
            float v = adversarial[i] + (stepSize * MathF.Sign(inputGradient[i]));
            adversarial[i] = Math.Clamp(v, x[i] - epsilon, x[i] + epsilon);
        }
    }

    private static void CheckLengths(ReadOnlySpan<float> x, ReadOnlySpan<float> gradient, ReadOnlySpan<float> destination)
    {
        if (gradient.Length != x.Length || destination.Length != x.Length)
        {
            throw new ArgumentException($"input ({x.Length}), gradient ({gradient.Length}) and destination ({destination.Length}) must have the same length");
        }
    }
}
