using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Layers;

/// <summary>Fully connected layer: (N, F) → (N, units), optionally followed by a fused activation.</summary>
/// <remarks>
/// PyTorch equivalent: <c>torch.nn.Linear(in_features, out_features, bias)</c> (+ the activation module).
/// Weight stored internally (in, out) so forward is a row-major GEMM; state dicts use PyTorch's (out, in).
/// Init: U(−1/√in, 1/√in) for weight and bias.
/// </remarks>
public sealed class Dense : Layer
{
    private readonly Action<int> _forwardChunk;
    private readonly Action<int> _backwardChunk;
    private Parameter _weight = null!;
    private Parameter? _bias;
    private Parameter[] _parameters = [];
    private Tensor? _x;
    private Tensor? _out;
    private Tensor? _dx;
    private Tensor? _gradOut;
    private float[][]? _dwPart;
    private float[][]? _dbPart;
    private float[] _wt = [];
    private long _wtEpoch;
    private Activation _act;
    private int _n;
    private int _chunks;
    private bool _needDx;
    private bool _needDw;

    /// <summary>Creates the layer; the input width comes from <see cref="Layer.Build"/>.</summary>
    public Dense(int units, Activation activation = Activation.Identity, bool bias = true)
    {
        if (units < 1)
        {
            throw new ArgumentException($"Dense needs units >= 1; got {units}");
        }

        Units = units;
        Activation = activation;
        _act = activation;
        HasBias = bias;
        _forwardChunk = ForwardChunk;
        _backwardChunk = BackwardChunk;
    }

    /// <summary>Output features.</summary>
    public int Units { get; }

    /// <summary>Input features (after build).</summary>
    public int InFeatures { get; private set; }

    /// <summary>Activation applied to the output (as configured).</summary>
    public Activation Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool HasBias { get; }

    /// <summary>Weight in the internal layout (in, out).</summary>
    public Parameter Weight => _weight;

    /// <summary>Bias (out) or null.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    internal override bool TryFuseActivation(Activation activation) => FuseInto(ref _act, activation);

    /// <inheritdoc/>
    public override string ToString() => $"Dense({InFeatures}→{Units}, {Activation})";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length != 1)
        {
            throw new ArgumentException($"Dense needs a flat (features) input; got ({string.Join(", ", inputShape)}); add a flatten layer");
        }

        InFeatures = inputShape[0];
        float bound = 1f / MathF.Sqrt(InFeatures);
        var torchOrder = UniformParameter("weight", [Units, InFeatures], bound, rng);
        _weight = new Parameter("weight", [InFeatures, Units]);
        Transpose(torchOrder.Value.Span, _weight.Value.Span, Units, InFeatures);
        _bias = HasBias ? UniformParameter("bias", [Units], bound, rng) : null;
        _parameters = _bias is null ? [_weight] : [_weight, _bias];
        return [Units];
    }

    /// <inheritdoc/>
    public override IEnumerable<StateEntry> GetState(string prefix)
    {
        var w = new float[_weight.Size];
        Transpose(_weight.Value.Span, w, InFeatures, Units);
        yield return new StateEntry(prefix + "weight", [Units, InFeatures], w);
        if (_bias is not null)
        {
            yield return new StateEntry(prefix + "bias", [Units], _bias.Value.Span.ToArray());
        }
    }

    /// <inheritdoc/>
    public override void SetState(string prefix, IReadOnlyDictionary<string, StateEntry> state)
    {
        var w = Lookup(state, prefix + "weight", [Units, InFeatures]);
        Transpose(w.Data, _weight.Value.Span, Units, InFeatures);
        if (_bias is not null)
        {
            Lookup(state, prefix + "bias", [Units]).Data.AsSpan(0, Units).CopyTo(_bias.Value.Span);
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _x = x;
        _n = x.BatchSize;
        _chunks = context.ChunkCount(_n);
        var output = Tensor.Ensure(ref _out, _n, OutputShape);
        context.Pool.Run(_forwardChunk, _chunks);
        return output;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (_x is null || _out is null)
        {
            throw new InvalidOperationException($"{this}: Backward without Forward");
        }

        _needDx = needInputGradient;
        _needDw = context.ComputeWeightGradients;
        _gradOut = gradOutput;
        if (_needDw)
        {
            EnsureChunks(ref _dwPart, _chunks, InFeatures * Units);
            EnsureChunks(ref _dbPart, _chunks, Units);
        }

        if (_needDx)
        {
            Tensor.Ensure(ref _dx, _n, InputShape);
            if (_wt.Length < _weight.Size)
            {
                _wt = new float[_weight.Size];
                _wtEpoch = 0;
            }

            if (!context.WeightsUnchangedSince(_wtEpoch))
            {
                Transpose(_weight.Value.Span, _wt, InFeatures, Units);
                _wtEpoch = context.WeightsEpoch;
            }
        }

        context.Pool.Run(_backwardChunk, _chunks);
        _gradOut = null;
        if (_needDw)
        {
            VectorOps.ReduceInto(_weight.Grad.Span, _dwPart!, _chunks);
            if (_bias is not null)
            {
                VectorOps.ReduceInto(_bias.Grad.Span, _dbPart!, _chunks);
            }
        }

        return _needDx ? _dx : null;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void ForwardChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int f = InFeatures, o = Units, rows = s1 - s0;
        var ys = _out!.Data.AsSpan(s0 * o, rows * o);
        // The GEMM accumulates onto the bias rows (one pass fewer than adding the bias afterwards).
        if (_bias is not null)
        {
            VectorOps.BroadcastRows(ys, _bias.Value.Span, rows);
        }
        else
        {
            ys.Clear();
        }

        fixed (float* x = _x!.Data, w = _weight.Value.Data, y = _out.Data)
        {
            Gemm.Accumulate(x + (long)s0 * f, f, 1, w, o, y + (long)s0 * o, o, rows, o, f);
        }

        ActivationKernels.Forward(_act, ys);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void BackwardChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int f = InFeatures, o = Units, rows = s1 - s0;
        ActivationKernels.Backward(_act, _out!.Data.AsSpan(s0 * o, rows * o), _gradOut!.Data.AsSpan(s0 * o, rows * o));
        fixed (float* x = _x!.Data, dy = _gradOut.Data)
        {
            if (_needDw)
            {
                var dwp = _dwPart![chunk];
                var dbp = _dbPart![chunk];
                dwp.AsSpan(0, f * o).Clear();
                dbp.AsSpan(0, o).Clear();
                fixed (float* dw = dwp, db = dbp)
                {
                    Gemm.Accumulate(x + (long)s0 * f, 1, f, dy + (long)s0 * o, o, dw, o, f, o, rows);
                    VectorOps.AddColumnSums(dy + (long)s0 * o, rows, o, db);
                }
            }

            if (_needDx)
            {
                _dx!.Data.AsSpan(s0 * f, rows * f).Clear();
                fixed (float* dx = _dx.Data, wt = _wt)
                {
                    Gemm.Accumulate(dy + (long)s0 * o, o, 1, wt, f, dx + (long)s0 * f, f, rows, f, o);
                }
            }
        }
    }

    // Blocked so both source rows and destination rows stay in cache.
    private static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        const int B = 32;
        for (int r0 = 0; r0 < rows; r0 += B)
        {
            int r1 = Math.Min(rows, r0 + B);
            for (int c0 = 0; c0 < cols; c0 += B)
            {
                int c1 = Math.Min(cols, c0 + B);
                for (int r = r0; r < r1; r++)
                {
                    for (int c = c0; c < c1; c++)
                    {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }
}
