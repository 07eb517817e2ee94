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
    private readonly Action<int> _gradientPrepChunk;
    private Parameter _weight = null!;
    private Parameter? _bias;
    private Parameter[] _parameters = [];
    private Tensor? _x;
    private Tensor? _out;
    private Tensor? _dx;
    private Tensor? _gradOut;
    private float[] _wt = [];
    private int _wtOffset;
    private long _wtEpoch;
    private float[] _wf = [];
    private int _wfOffset;
    private long _wfEpoch;
    private Activation _act;
    private int _n;
    private int _chunks;
    private bool _needDx;
    private bool _needDw;
    private bool _transposeWeights;

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
        _gradientPrepChunk = GradientPrepChunk;
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
        if (!context.WeightsUnchangedSince(_wfEpoch))
        {
            // The GEMM's B operand from a 64-byte boundary (whole cache lines per row).
            _wfOffset = AlignedArrays.CopyAligned(_weight.Value.Span, ref _wf);
            _wfEpoch = context.WeightsEpoch;
        }

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
        _transposeWeights = false;
        if (_needDx)
        {
            Tensor.Ensure(ref _dx, _n, InputShape);
            _wtOffset = AlignedArrays.Ensure(ref _wt, _weight.Size);
            _transposeWeights = !context.WeightsUnchangedSince(_wtEpoch);
        }

        // Two passes over the threads: (1) the activation's backward on each chunk of samples and a slice of the
        // transposed weight; (2) dX for each chunk of samples, and dW / db for a slice of input rows / output columns
        // summed over the whole batch, so weight gradients need no reduction and do not depend on the thread count.
        context.Pool.Run(_gradientPrepChunk, _chunks);
        if (_transposeWeights)
        {
            _wtEpoch = context.WeightsEpoch;
        }

        context.Pool.Run(_backwardChunk, _chunks);
        _gradOut = null;
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

        fixed (float* x = _x!.Data, w = _wf, y = _out.Data)
        {
            Gemm.Accumulate(x + (long)s0 * f, f, 1, w + _wfOffset, o, y + (long)s0 * o, o, rows, o, f);
        }

        ActivationKernels.Forward(_act, ys);
    }

    private void GradientPrepChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int o = Units;
        ActivationKernels.Backward(_act, _out!.Data.AsSpan(s0 * o, (s1 - s0) * o), _gradOut!.Data.AsSpan(s0 * o, (s1 - s0) * o));
        if (_transposeWeights)
        {
            int f0 = LayerContext.ChunkStart(InFeatures, _chunks, chunk);
            int f1 = LayerContext.ChunkStart(InFeatures, _chunks, chunk + 1);
            TransposeRows(_weight.Value.Span, _wt.AsSpan(_wtOffset, _weight.Size), InFeatures, Units, f0, f1);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void BackwardChunk(int chunk)
    {
        int f = InFeatures, o = Units, n = _n;
        fixed (float* x = _x!.Data, dy = _gradOut!.Data)
        {
            if (_needDw)
            {
                int f0 = LayerContext.ChunkStart(f, _chunks, chunk);
                int f1 = LayerContext.ChunkStart(f, _chunks, chunk + 1);
                fixed (float* dw = _weight.Grad.Data)
                {
                    Gemm.Accumulate(x + f0, 1, f, dy, o, dw + (long)f0 * o, o, f1 - f0, o, n);
                }

                if (_bias is not null)
                {
                    int o0 = LayerContext.ChunkStart(o, _chunks, chunk);
                    int o1 = LayerContext.ChunkStart(o, _chunks, chunk + 1);
                    var db = _bias.Grad.Span.Slice(o0, o1 - o0);
                    for (int s = 0; s < n; s++)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Add(db, new ReadOnlySpan<float>(dy + ((long)s * o) + o0, o1 - o0), db);
                    }
                }
            }

            if (_needDx)
            {
                int s0 = LayerContext.ChunkStart(n, _chunks, chunk);
                int s1 = LayerContext.ChunkStart(n, _chunks, chunk + 1);
                _dx!.Data.AsSpan(s0 * f, (s1 - s0) * f).Clear();
                fixed (float* dx = _dx.Data, wt = _wt)
                {
                    Gemm.Accumulate(dy + (long)s0 * o, o, 1, wt + _wtOffset, f, dx + (long)s0 * f, f, s1 - s0, f, o);
                }
            }
        }
    }

    // dst (cols, rows) gets the transposes of src rows [r0, r1) of the row-major (rows, cols) matrix src.
    private static void TransposeRows(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols, int r0, int r1)
    {
        const int B = 32;
        for (int rb = r0; rb < r1; rb += B)
        {
            int re = Math.Min(r1, rb + B);
            for (int c0 = 0; c0 < cols; c0 += B)
            {
                int c1 = Math.Min(cols, c0 + B);
                for (int r = rb; r < re; r++)
                {
                    for (int c = c0; c < c1; c++)
                    {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }

    // Blocked so both source rows and destination rows stay in cache.
    private static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols) => TransposeRows(src, dst, rows, cols, 0, rows);
}
