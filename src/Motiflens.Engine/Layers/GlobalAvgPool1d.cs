namespace Motiflens.Engine.Layers;

/// <summary>Mean over all positions: (N, L, C) → (N, C).</summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.AdaptiveAvgPool1d(1)</c> followed by flatten.</remarks>
public sealed class GlobalAvgPool1d : Layer
{
    private Tensor? _out;
    private Tensor? _dx;
    private int _n;

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length != 2 || inputShape[0] < 1)
        {
            throw new ArgumentException($"GlobalAvgPool1d needs a (length, channels) input; got ({string.Join(", ", inputShape)})");
        }

        return [inputShape[1]];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _n = x.BatchSize;
        int l = InputShape[0], c = InputShape[1];
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        y.Clear();
        float inv = 1f / l;
        for (int s = 0; s < _n; s++)
        {
            var row = y.Data.AsSpan(s * c, c);
            for (int p = 0; p < l; p++)
            {
                var xr = x.Data.AsSpan((s * l + p) * c, c);
                for (int ch = 0; ch < c; ch++)
                {
                    row[ch] += xr[ch];
                }
            }

            for (int ch = 0; ch < c; ch++)
            {
                row[ch] *= inv;
            }
        }

        return y;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (!needInputGradient)
        {
            return null;
        }

        int l = InputShape[0], c = InputShape[1];
        var dx = Tensor.Ensure(ref _dx, _n, InputShape);
        float inv = 1f / l;
        for (int s = 0; s < _n; s++)
        {
            for (int p = 0; p < l; p++)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    dx.Data[(s * l + p) * c + ch] = gradOutput.Data[s * c + ch] * inv;
                }
            }
        }

        return dx;
    }
}
