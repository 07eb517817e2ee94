namespace Motiflens.Engine.Layers;

/// <summary>Maximum over all positions: (N, L, C) → (N, C).</summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.AdaptiveMaxPool1d(1)</c> followed by flatten (first maximum wins ties).</remarks>
public sealed class GlobalMaxPool1d : Layer
{
    private Tensor? _out;
    private Tensor? _dx;
    private int[] _argmax = [];
    private int _n;

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length != 2 || inputShape[0] < 1)
        {
            throw new ArgumentException($"GlobalMaxPool1d needs a (length, channels) input; got ({string.Join(", ", inputShape)})");
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
        if (_argmax.Length < y.Size)
        {
            _argmax = new int[y.Size];
        }

        var xd = x.Data;
        for (int s = 0; s < _n; s++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                int best = 0;
                float bv = xd[s * l * c + ch];
                for (int p = 1; p < l; p++)
                {
                    float v = xd[(s * l + p) * c + ch];
                    if (v > bv || float.IsNaN(v))
                    {
                        bv = v;
                        best = p;
                    }
                }

                y.Data[s * c + ch] = bv;
                _argmax[s * c + ch] = best;
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
        dx.Clear();
        for (int s = 0; s < _n; s++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                dx.Data[(s * l + _argmax[s * c + ch]) * c + ch] = gradOutput.Data[s * c + ch];
            }
        }

        return dx;
    }
}
