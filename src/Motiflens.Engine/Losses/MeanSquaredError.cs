namespace Motiflens.Engine.Losses;

/// <summary>Mean squared error (z − y)² over counted elements; dℓ/dz = 2(z − y) / count.</summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.MSELoss(reduction="mean")</c>.</remarks>
public sealed class MeanSquaredError : ILoss
{
    /// <inheritdoc/>
    public float Compute(Tensor logits, Tensor targets, Tensor? gradient = null, Tensor? mask = null)
    {
        LossChecks.Shapes(logits, targets, gradient, mask);
        int count = LossChecks.Count(logits, mask);
        float inv = count > 0 ? 2f / count : 0f;
        double sum = 0;
        var z = logits.Span;
        var y = targets.Span;
        for (int i = 0; i < z.Length; i++)
        {
            bool counted = mask is null || mask.Data[i] != 0f;
            float d = z[i] - y[i];
            if (counted)
            {
                sum += (double)d * d;
            }

            if (gradient is not null)
            {
                gradient.Data[i] = counted ? d * inv : 0f;
            }
        }

        return count > 0 ? (float)(sum / count) : 0f;
    }
}
