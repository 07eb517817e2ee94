namespace Motiflens.Engine.Losses;

/// <summary>
/// Binary cross-entropy on logits z with targets y ∈ [0, 1] (multitask: one column per task):
/// ℓ = max(z, 0) − z·y + log(1 + exp(−|z|)), mean over counted elements; dℓ/dz = (σ(z) − y) / count.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.BCEWithLogitsLoss(reduction="mean")</c> (masked: mean over mask ≠ 0).</remarks>
public sealed class BinaryCrossEntropyWithLogits : ILoss
{
    /// <inheritdoc/>
    public float Compute(Tensor logits, Tensor targets, Tensor? gradient = null, Tensor? mask = null)
    {
        LossChecks.Shapes(logits, targets, gradient, mask);
        int count = LossChecks.Count(logits, mask);
        double sum = 0;
        float inv = count > 0 ? 1f / count : 0f;
        var z = logits.Span;
        var y = targets.Span;
        for (int i = 0; i < z.Length; i++)
        {
            bool counted = mask is null || mask.Data[i] != 0f;
            if (counted)
            {
                double zi = z[i];
                sum += Math.Max(zi, 0) - zi * y[i] + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
            }

            if (gradient is not null)
            {
                gradient.Data[i] = counted ? (1f / (1f + MathF.Exp(-z[i])) - y[i]) * inv : 0f;
            }
        }

        return count > 0 ? (float)(sum / count) : 0f;
    }
}
