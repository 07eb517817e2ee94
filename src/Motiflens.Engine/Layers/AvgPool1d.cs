namespace Motiflens.Engine.Layers;

/// <summary>Average pooling over positions of (N, L, C): window <see cref="PoolSize"/>, stride (default = pool size), floor mode.</summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.AvgPool1d(kernel_size, stride)</c> (padding 0, ceil_mode False).</remarks>
public sealed class AvgPool1d : Layer
{
    private Tensor? _out;
    private Tensor? _dx;
    private int _n;

    /// <summary>Creates the layer; <paramref name="stride"/> 0 means the pool size.</summary>
    public AvgPool1d(int poolSize, int stride = 0)
    {
        if (poolSize < 1 || stride < 0)
        {
            throw new ArgumentException($"AvgPool1d needs pool_size >= 1 and stride >= 1; got pool_size={poolSize}, stride={stride}");
        }

        PoolSize = poolSize;
        Stride = stride == 0 ? poolSize : stride;
    }

    /// <summary>Window length.</summary>
    public int PoolSize { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <inheritdoc/>
    public override string ToString() => $"AvgPool1d({PoolSize}, stride={Stride})";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length != 2 || inputShape[0] < PoolSize)
        {
            throw new ArgumentException($"AvgPool1d({PoolSize}) needs a (length >= {PoolSize}, channels) input; got ({string.Join(", ", inputShape)})");
        }

        return [(inputShape[0] - PoolSize) / Stride + 1, inputShape[1]];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _n = x.BatchSize;
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        int l = InputShape[0], c = InputShape[1], lo = OutputShape[0];
        float inv = 1f / PoolSize;
        var xd = x.Data;
        var yd = y.Data;
        for (int s = 0; s < _n; s++)
        {
            int xs = s * l * c;
            for (int j = 0; j < lo; j++)
            {
                int yo = (s * lo + j) * c;
                int start = j * Stride;
                for (int ch = 0; ch < c; ch++)
                {
                    float sum = 0;
                    for (int p = start; p < start + PoolSize; p++)
                    {
                        sum += xd[xs + p * c + ch];
                    }

                    yd[yo + ch] = sum * inv;
                }
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

        var dx = Tensor.Ensure(ref _dx, _n, InputShape);
        dx.Clear();
        int l = InputShape[0], c = InputShape[1], lo = OutputShape[0];
        float inv = 1f / PoolSize;
        var g = gradOutput.Data;
        var d = dx.Data;
        for (int s = 0; s < _n; s++)
        {
            int xs = s * l * c;
            for (int j = 0; j < lo; j++)
            {
                int yo = (s * lo + j) * c;
                int start = j * Stride;
                for (int p = start; p < start + PoolSize; p++)
                {
                    for (int ch = 0; ch < c; ch++)
                    {
                        d[xs + p * c + ch] += g[yo + ch] * inv;
                    }
                }
            }
        }

        return dx;
    }
}
