namespace Motiflens.Engine.Layers;

/// <summary>
/// Separable fully connected layer: (N, L, C) → (N, units) with the rank-one weight
/// W[o, pos, ch] = Wpos[o, pos] · Wch[o, ch], plus bias; optionally with mirrored positions
/// (Wpos[o, pos] = Wpos[o, L − 1 − pos], stored once for pos &lt; ceil(L/2)). Optional fused activation.
/// </summary>
/// <remarks>
/// PyTorch equivalent: none built in; <c>y = einsum("nlc,ol,oc->no", x, w_pos, w_ch) + bias</c>.
/// State dict: <c>weight_pos</c> (units, L) — or (units, ceil(L/2)) when mirrored —, <c>weight_ch</c> (units, C), <c>bias</c> (units).
/// Init: U(−1/√L, 1/√L) for weight_pos, U(−1/√C, 1/√C) for weight_ch, U(−1/√(L·C), 1/√(L·C)) for bias.
/// </remarks>
public sealed class SeparableFullyConnected : Layer
{
    private Parameter _pos = null!;
    private Parameter _ch = null!;
    private Parameter _bias = null!;
    private Parameter[] _parameters = [];
    private Tensor? _x;
    private Tensor? _out;
    private Tensor? _dx;
    private float[] _z = [];
    private int _n;

    /// <summary>Creates the layer.</summary>
    public SeparableFullyConnected(int units, bool mirrored = false, Activation activation = Activation.Identity)
    {
        if (units < 1)
        {
            throw new ArgumentException($"SFC needs units >= 1; got {units}");
        }

        Units = units;
        Mirrored = mirrored;
        Activation = activation;
    }

    /// <summary>Output features.</summary>
    public int Units { get; }

    /// <summary>Whether position weights are symmetric under pos → L − 1 − pos.</summary>
    public bool Mirrored { get; }

    /// <summary>Fused activation.</summary>
    public Activation Activation { get; }

    /// <summary>Position weights (units, L or ceil(L/2)).</summary>
    public Parameter PositionWeight => _pos;

    /// <summary>Channel weights (units, C).</summary>
    public Parameter ChannelWeight => _ch;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public override string ToString() => $"SeparableFullyConnected({Units}, mirrored={Mirrored})";

    private int Length => InputShape[0];

    private int Channels => InputShape[1];

    private int StoredPositions => Mirrored ? (Length + 1) / 2 : Length;

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length != 2)
        {
            throw new ArgumentException($"SFC needs a (length, channels) input; got ({string.Join(", ", inputShape)})");
        }

        int l = inputShape[0], c = inputShape[1];
        _pos = UniformParameter("weight_pos", [Units, Mirrored ? (l + 1) / 2 : l], 1f / MathF.Sqrt(l), rng);
        _ch = UniformParameter("weight_ch", [Units, c], 1f / MathF.Sqrt(c), rng);
        _bias = UniformParameter("bias", [Units], 1f / MathF.Sqrt(l * c), rng);
        _parameters = [_pos, _ch, _bias];
        return [Units];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _x = x;
        _n = x.BatchSize;
        int l = Length, c = Channels, o = Units, p = StoredPositions;
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        if (_z.Length < _n * l * o)
        {
            _z = new float[_n * l * o];
        }

        var wp = _pos.Value.Data;
        var wc = _ch.Value.Data;
        for (int s = 0; s < _n; s++)
        {
            for (int oi = 0; oi < o; oi++)
            {
                float acc = 0;
                for (int pos = 0; pos < l; pos++)
                {
                    float z = 0;
                    int xo = (s * l + pos) * c;
                    for (int ch = 0; ch < c; ch++)
                    {
                        z += x.Data[xo + ch] * wc[oi * c + ch];
                    }

                    _z[(s * l + pos) * o + oi] = z;
                    acc += z * wp[oi * p + Stored(pos)];
                }

                y.Data[s * o + oi] = acc + _bias.Value.Data[oi];
            }
        }

        Kernels.ActivationKernels.Forward(Activation, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (_x is null || _out is null)
        {
            throw new InvalidOperationException($"{this}: Backward without Forward");
        }

        int l = Length, c = Channels, o = Units, p = StoredPositions;
        Kernels.ActivationKernels.Backward(Activation, _out.Span, gradOutput.Span);
        var dx = needInputGradient ? Tensor.Ensure(ref _dx, _n, InputShape) : null;
        dx?.Clear();
        bool dw = context.ComputeWeightGradients;
        var wp = _pos.Value.Data;
        var wc = _ch.Value.Data;
        for (int s = 0; s < _n; s++)
        {
            for (int oi = 0; oi < o; oi++)
            {
                float g = gradOutput.Data[s * o + oi];
                if (dw)
                {
                    _bias.Grad.Data[oi] += g;
                }

                for (int pos = 0; pos < l; pos++)
                {
                    int sp = Stored(pos);
                    float dz = g * wp[oi * p + sp];
                    int xo = (s * l + pos) * c;
                    if (dw)
                    {
                        _pos.Grad.Data[oi * p + sp] += g * _z[(s * l + pos) * o + oi];
                        for (int ch = 0; ch < c; ch++)
                        {
                            _ch.Grad.Data[oi * c + ch] += dz * _x.Data[xo + ch];
                        }
                    }

                    if (dx is not null)
                    {
                        for (int ch = 0; ch < c; ch++)
                        {
                            dx.Data[xo + ch] += dz * wc[oi * c + ch];
                        }
                    }
                }
            }
        }

        return dx;
    }

    private int Stored(int pos) => Mirrored ? Math.Min(pos, Length - 1 - pos) : pos;
}
