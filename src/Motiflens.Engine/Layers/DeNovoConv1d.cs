namespace Motiflens.Engine.Layers;

/// <summary>
/// The constrained "de novo" convolution: a <see cref="Conv1d"/> with a sigmoid output whose weights are kept
/// non-negative with at most 2 summed over channels at each kernel position, and whose bias is kept ≤ 0.
/// Call <see cref="ApplyConstraints"/> after every optimiser step (the model does it via <see cref="Model.ApplyConstraints"/>).
/// </summary>
/// <remarks>
/// PyTorch equivalent: Conv1d + Sigmoid with a post-step projection. The projection clips negative weights to 0,
/// then rescales any (filter, position) column whose channel sum exceeds 2 down to sum 2, and clips the bias to ≤ 0.
/// Initial weights are projected too. State dict names as Conv1d.
/// </remarks>
public sealed class DeNovoConv1d : Conv1d
{
    /// <summary>Creates the layer (sigmoid activation).</summary>
    public DeNovoConv1d(int outChannels, int kernelSize, int stride = 1, int dilation = 1, Padding padding = Padding.Valid)
        : base(outChannels, kernelSize, stride, dilation, padding, Activation.Sigmoid, bias: true)
    {
    }

    /// <summary>Upper bound of the per-position channel sum.</summary>
    public const float MaxPositionSum = 2f;

    /// <inheritdoc/>
    public override string ToString() => "DeNovo" + base.ToString();

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        var shape = base.BuildCore(inputShape, rng);
        ApplyConstraints();
        return shape;
    }

    /// <inheritdoc/>
    public override void ApplyConstraints()
    {
        int c = InChannels, o = OutChannels;
        var w = Weight.Value.Span;
        for (int kk = 0; kk < KernelSize; kk++)
        {
            for (int oi = 0; oi < o; oi++)
            {
                float sum = 0;
                for (int ci = 0; ci < c; ci++)
                {
                    int i = (kk * c + ci) * o + oi;
                    if (!(w[i] > 0f))
                    {
                        w[i] = 0f;
                    }

                    sum += w[i];
                }

                if (sum > MaxPositionSum)
                {
                    float f = MaxPositionSum / sum;
                    for (int ci = 0; ci < c; ci++)
                    {
                        w[(kk * c + ci) * o + oi] *= f;
                    }
                }
            }
        }

        if (Bias is not null)
        {
            var b = Bias.Value.Span;
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = MathF.Min(b[i], 0f);
            }
        }
    }
}
