namespace Motiflens.Engine.Losses;

/// <summary>
/// Softmax cross-entropy over the last axis: logits (N, K), targets (N, K) class probabilities (one-hot for hard
/// labels); ℓ = −Σ_k t_k·log softmax(z)_k, mean over rows; dℓ/dz = (softmax(z)·Σt − t) / rows.
/// A mask counts a row when its first element is non-zero.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.CrossEntropyLoss(reduction="mean")</c> with probability targets.</remarks>
public sealed class CategoricalCrossEntropy : ILoss
{
    /// <inheritdoc/>
    public float Compute(Tensor logits, Tensor targets, Tensor? gradient = null, Tensor? mask = null)
    {
        LossChecks.Shapes(logits, targets, gradient, mask);
        int k = logits.Shape[^1];
        int rows = k == 0 ? 0 : logits.Size / k;
        int counted = 0;
        for (int r = 0; r < rows; r++)
        {
            counted += mask is null || mask.Data[r * k] != 0f ? 1 : 0;
        }

        double sum = 0;
        float inv = counted > 0 ? 1f / counted : 0f;
        Span<double> logp = k <= 256 ? stackalloc double[k] : new double[k];
        for (int r = 0; r < rows; r++)
        {
            var z = logits.Data.AsSpan(r * k, k);
            var t = targets.Data.AsSpan(r * k, k);
            bool use = mask is null || mask.Data[r * k] != 0f;
            double max = double.NegativeInfinity;
            foreach (float v in z)
            {
                max = Math.Max(max, v);
            }

            double norm = 0;
            foreach (float v in z)
            {
                norm += Math.Exp(v - max);
            }

            double lse = max + Math.Log(norm);
            double tsum = 0;
            for (int j = 0; j < k; j++)
            {
                logp[j] = z[j] - lse;
                tsum += t[j];
                if (use)
                {
                    sum -= t[j] * logp[j];
                }
            }

            if (gradient is not null)
            {
                for (int j = 0; j < k; j++)
                {
                    gradient.Data[r * k + j] = use ? (float)(Math.Exp(logp[j]) * tsum - t[j]) * inv : 0f;
                }
            }
        }

        return counted > 0 ? (float)(sum / counted) : 0f;
    }
}
