namespace Motiflens.Engine.Losses;

/// <summary>Poisson negative log-likelihood with log-rate logits z: ℓ = exp(z) − y·z (no Stirling term), mean; dℓ/dz = (exp(z) − y) / count.</summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.PoissonNLLLoss(log_input=True, full=False, reduction="mean")</c>.</remarks>
public sealed class PoissonNll : ILoss
{
    /// <inheritdoc/>
    public float Compute(Tensor logits, Tensor targets, Tensor? gradient = null, Tensor? mask = null)
    {
        LossChecks.Shapes(logits, targets, gradient, mask);
        int count = LossChecks.Count(logits, mask);
        float inv = count > 0 ? 1f / count : 0f;
        double sum = 0;
        var z = logits.Span;
        var y = targets.Span;
        for (int i = 0; i < z.Length; i++)
        {
            bool counted = mask is null || mask.Data[i] != 0f;
            double e = Math.Exp(z[i]);
            if (counted)
            {
                sum += e - (double)y[i] * z[i];
            }

            if (gradient is not null)
            {
                gradient.Data[i] = counted ? (float)(e - y[i]) * inv : 0f;
            }
        }

        return count > 0 ? (float)(sum / count) : 0f;
    }
}
