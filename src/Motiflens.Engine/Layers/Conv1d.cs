using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Layers;

/// <summary>
/// 1-D convolution over channels-last sequences: (N, L, Cin) → (N, Lout, Cout), optionally followed by a fused activation.
/// </summary>
/// <remarks>
/// PyTorch equivalent: <c>torch.nn.Conv1d(in, out, kernel_size, stride, padding="valid"|"same", dilation, bias)</c>
/// (+ the activation module). Internally the weight is stored (k, in, out) so the im2col row of output position l
/// is the contiguous input slice x[l·stride .. l·stride + k) × Cin and the whole sample is one GEMM with
/// overlapping A rows; state dicts use PyTorch's (out, in, k). On categorical input (byte codes, see
/// <see cref="ForwardCodes"/>) the product becomes a sum of gathered weight rows with bit-identical results.
/// Init: U(−1/√(in·k), 1/√(in·k)) for weight and bias, as PyTorch.
/// </remarks>
public class Conv1d : Layer
{
    private readonly Action<int> _forwardChunk;
    private readonly Action<int> _backwardChunk;
    private Conv1dPlan _plan = null!;
    private Parameter _weight = null!;
    private Parameter? _bias;
    private Parameter[] _parameters = [];
    private Tensor? _x;
    private byte[]? _codes;
    private Tensor? _out;
    private Tensor? _dx;
    private float[][]? _pad;
    private float[][]? _dyPad;
    private float[][]? _dxPad;
    private float[][]? _dwPart;
    private float[][]? _dbPart;
    private float[][]? _scratch;
    private float[] _wt = [];
    private int _wtOffset;
    private float[] _wf = [];
    private int _wfOffset;
    private long _wfEpoch;
    private float[] _wext = [];
    private long _wtEpoch;
    private long _wextEpoch;
    private float[] _biasExt = [];
    private int _wextOffset;
    private int[][]? _offsets;
    private int[][]? _lists;
    private float[][]? _cols;
    private Activation _act;
    private int _n;
    private int _chunks;
    private bool _needDx;
    private bool _needDw;

    /// <summary>Creates the layer; the input channel count comes from <see cref="Layer.Build"/>.</summary>
    public Conv1d(int outChannels, int kernelSize, int stride = 1, int dilation = 1, Padding padding = Padding.Valid,
        Activation activation = Activation.Identity, bool bias = true)
    {
        if (outChannels < 1 || kernelSize < 1 || stride < 1 || dilation < 1)
        {
            throw new ArgumentException($"Conv1d needs filters, kernel_size, stride and dilation >= 1; got filters={outChannels}, kernel_size={kernelSize}, stride={stride}, dilation={dilation}");
        }

        if (padding == Padding.Same && stride != 1)
        {
            throw new ArgumentException($"padding 'same' needs stride 1 (as PyTorch); got stride={stride}");
        }

        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Dilation = dilation;
        Padding = padding;
        Activation = activation;
        _act = activation;
        HasBias = bias;
        _forwardChunk = ForwardChunk;
        _backwardChunk = BackwardChunk;
    }

    /// <summary>Output channels (filters).</summary>
    public int OutChannels { get; }

    /// <summary>Kernel width k.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Dilation.</summary>
    public int Dilation { get; }

    /// <summary>Padding mode.</summary>
    public Padding Padding { get; }

    /// <summary>Activation applied to the output (as configured).</summary>
    public Activation Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool HasBias { get; }

    /// <summary>Input channels (after build).</summary>
    public int InChannels => _plan?.InChannels ?? 0;

    /// <summary>Input length L (after build).</summary>
    public int InputLength => _plan?.InputLength ?? 0;

    /// <summary>Output length (after build).</summary>
    public int OutputLength => _plan?.OutputLength ?? 0;

    /// <summary>Zero rows added on the left.</summary>
    public int PadLeft => _plan?.PadLeft ?? 0;

    /// <summary>Zero rows added on the right.</summary>
    public int PadRight => _plan?.PadRight ?? 0;

    /// <summary>The geometry and kernel strategies fixed at build.</summary>
    internal Conv1dPlan Plan => _plan;

    /// <summary>Weight in the internal layout (k, in, out).</summary>
    public Parameter Weight => _weight;

    /// <summary>Bias (out), or null.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    private int PaddedLength => _plan.PaddedLength;

    /// <inheritdoc/>
    internal override bool TryFuseActivation(Activation activation) => FuseInto(ref _act, activation);

    /// <inheritdoc/>
    public override string ToString() => $"Conv1d({InChannels}→{OutChannels}, k={KernelSize}, stride={Stride}, dilation={Dilation}, {Padding}, {Activation})";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length != 2)
        {
            throw new ArgumentException($"Conv1d needs a (length, channels) input; got ({string.Join(", ", inputShape)})");
        }

        _plan = Conv1dPlan.Create(inputShape[1], inputShape[0], OutChannels, KernelSize, Stride, Dilation, Padding);

        float bound = 1f / MathF.Sqrt(InChannels * KernelSize);
        // Draw in PyTorch's (out, in, k) order so a seed means the same thing in either layout, then transpose.
        var torchOrder = UniformParameter("weight", [OutChannels, InChannels, KernelSize], bound, rng);
        _weight = new Parameter("weight", [KernelSize, InChannels, OutChannels]);
        Conv1dLayout.FromTorch(_plan, torchOrder.Value.Span, _weight.Value.Span);
        _bias = HasBias ? UniformParameter("bias", [OutChannels], bound, rng) : null;
        _parameters = _bias is null ? [_weight] : [_weight, _bias];
        return [OutputLength, OutChannels];
    }

    /// <inheritdoc/>
    public override IEnumerable<StateEntry> GetState(string prefix)
    {
        var w = new float[_weight.Size];
        Conv1dLayout.ToTorch(_plan, _weight.Value.Span, w);
        yield return new StateEntry(prefix + "weight", [OutChannels, InChannels, KernelSize], w);
        if (_bias is not null)
        {
            yield return new StateEntry(prefix + "bias", [OutChannels], _bias.Value.Span.ToArray());
        }
    }

    /// <inheritdoc/>
    public override void SetState(string prefix, IReadOnlyDictionary<string, StateEntry> state)
    {
        var w = Lookup(state, prefix + "weight", [OutChannels, InChannels, KernelSize]);
        Conv1dLayout.FromTorch(_plan, w.Data, _weight.Value.Span);
        if (_bias is not null)
        {
            Lookup(state, prefix + "bias", [OutChannels]).Data.AsSpan(0, OutChannels).CopyTo(_bias.Value.Span);
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _x = x;
        _codes = null;
        return RunForward(x.BatchSize, context);
    }

    /// <summary>
    /// Forward on categorical input: <paramref name="codes"/> holds n·L bytes (row-major (N, L)); code c &lt; Cin
    /// means one-hot channel c, any other code an all-zero row. Same result as <see cref="Forward"/> on the one-hot
    /// tensor, computed as sums of gathered weight rows.
    /// </summary>
    public Tensor ForwardCodes(byte[] codes, int n, LayerContext context)
    {
        if (!IsBuilt)
        {
            throw new InvalidOperationException($"{this} is not built");
        }

        if (codes.Length < (long)n * InputLength)
        {
            throw new ArgumentException($"codes has {codes.Length} bytes; {n} sequences of length {InputLength} need {(long)n * InputLength}");
        }

        _codes = codes;
        _x = null;
        return RunForward(n, context);
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (_out is null || (_x is null && _codes is null))
        {
            throw new InvalidOperationException($"{this}: Backward without Forward");
        }

        _needDx = needInputGradient;
        _needDw = context.ComputeWeightGradients;
        int kc = KernelSize * InChannels;
        int o = OutChannels;
        if (_needDw)
        {
            EnsureChunks(ref _dwPart, _chunks, kc * o);
            EnsureChunks(ref _dbPart, _chunks, o);
        }

        if (_needDx)
        {
            Tensor.Ensure(ref _dx, _n, InputShape);
            if (!context.WeightsUnchangedSince(_wtEpoch))
            {
                _wtOffset = Conv1dInputGradient.TransposeWeights(_plan, _weight.Value.Data, ref _wt);
                _wtEpoch = context.WeightsEpoch;
            }
            EnsureChunks(ref _dxPad, _chunks, PaddedLength * InChannels);
            if (_plan.InputGradient == Conv1dInputGradientKind.ColumnScatter)
            {
                EnsureChunks(ref _dyPad, _chunks, OutputLength * kc);
            }
            else if (_plan.InputGradient == Conv1dInputGradientKind.FlippedGemm)
            {
                EnsureChunks(ref _dyPad, _chunks, (OutputLength + 2 * (KernelSize - 1)) * o);
            }
        }

        if (_codes is null && (PadLeft + PadRight) > 0)
        {
            EnsureChunks(ref _pad, _chunks, PaddedLength * InChannels);
        }

        if (UsesGroupedWeightGradient)
        {
            EnsureChunks(ref _cols, _chunks, _plan.GroupSize * OutputLength * kc);
        }

        if (_codes is not null && _needDw)
        {
            EnsureChunks(ref _scratch, _chunks, kc * o);
            if (_plan.UsesBuckets && (_lists is null || _lists.Length < _chunks))
            {
                _lists = new int[_chunks][];
                for (int i = 0; i < _chunks; i++)
                {
                    _lists[i] = GC.AllocateArray<int>(InChannels * InputLength + InChannels + CacheLineFloats, pinned: true);
                }
            }
        }

        _gradOut = gradOutput;
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

    private Tensor? _gradOut;

    // Weights with one extra all-zero row per tap, (k, in + 1, out), and per-chunk position → row-offset tables.
    private void PrepareGather()
    {
        Conv1dGather.ExtendWeights(_plan, _weight.Value.Data, _bias is null ? default : _bias.Value.Span, ref _wext, ref _biasExt, out _wextOffset);
        if (_offsets is null || _offsets.Length < _chunks)
        {
            _offsets = new int[_chunks][];
            for (int i = 0; i < _chunks; i++)
            {
                _offsets[i] = GC.AllocateArray<int>(PaddedLength + CacheLineFloats, pinned: true);
            }
        }
    }

    private Tensor RunForward(int n, LayerContext context)
    {
        _n = n;
        _chunks = context.ChunkCount(n);
        var output = Tensor.Ensure(ref _out, n, OutputShape);
        if (_codes is null && PadLeft + PadRight > 0)
        {
            EnsureChunks(ref _pad, _chunks, PaddedLength * InChannels);
        }

        if (_codes is null && !context.WeightsUnchangedSince(_wfEpoch))
        {
            // The GEMM's B operand from a 64-byte boundary (whole cache lines per row).
            _wfOffset = AlignedArrays.CopyAligned(_weight.Value.Span, ref _wf);
            _wfEpoch = context.WeightsEpoch;
        }

        if (_codes is not null)
        {
            EnsureChunks(ref _scratch, _chunks, OutChannels);
            if (!context.WeightsUnchangedSince(_wextEpoch))
            {
                PrepareGather();
                _wextEpoch = context.WeightsEpoch;
            }
        }

        context.Pool.Run(_forwardChunk, _chunks);
        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ForwardChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int l = InputLength, c = InChannels, o = OutChannels, lo = OutputLength;
        int outSize = lo * o;
        fixed (float* w = _weight.Value.Data, y = _out!.Data)
        {
            for (int s = s0; s < s1; s++)
            {
                float* ys = y + (long)s * outSize;
                if (GatherEpilogue)
                {
                    // Bias and activation are applied in the gather kernel's stores.
                    fixed (byte* codes = _codes)
                    fixed (float* wext = _wext, bext = _biasExt)
                    fixed (int* off = _offsets![chunk])
                    {
                        Conv1dGather.SingleBlock(_plan, codes + (long)s * l, ys, wext + _wextOffset, bext, off, epilogue: true, relu: _act == Activation.Relu);
                    }

                    continue;
                }

                // Starting from the bias equals adding it after a single-block GEMM (a + b == b + a), saving a pass.
                bool biasFirst = _codes is null && _bias is not null && _plan.StartsFromBias;
                if (biasFirst)
                {
                    VectorOps.BroadcastRows(new Span<float>(ys, outSize), _bias!.Value.Span, lo);
                }
                else
                {
                    new Span<float>(ys, outSize).Clear();
                }

                if (_codes is not null)
                {
                    fixed (byte* codes = _codes)
                    fixed (float* acc = _scratch![chunk], wext = _wext, bext = _biasExt)
                    fixed (int* off = _offsets![chunk])
                    {
                        Conv1dGather.Sample(_plan, codes + (long)s * l, w, ys, acc, wext + _wextOffset, bext, off);
                    }
                }
                else
                {
                    fixed (float* xs0 = _x!.Data)
                    {
                        float* src = Conv1dLayout.PaddedSample(_plan, xs0 + (long)s * l * c, _pad?[chunk]);
                        fixed (float* _ = _pad is null ? null : _pad[chunk], wf = _wf)
                        {
                            Conv1dForward.Dense(_plan, src, wf + _wfOffset, ys);
                        }
                    }
                }

                if (_bias is not null && !biasFirst)
                {
                    fixed (float* b = _bias.Value.Data)
                    {
                        Conv1dForward.AddBias(_plan, ys, b);
                    }
                }

                ActivationKernels.Forward(_act, new Span<float>(ys, outSize));
            }
        }
    }

    private bool GatherEpilogue => _codes is not null && Avx.IsSupported && _plan.GathersInOneBlock
        && _act is Activation.Identity or Activation.Relu;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BackwardChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int l = InputLength, c = InChannels, o = OutChannels, lo = OutputLength, k = KernelSize;
        int outSize = lo * o, kc = k * c;
        if (_needDw)
        {
            _dwPart![chunk].AsSpan(0, kc * o).Clear();
            _dbPart![chunk].AsSpan(0, o).Clear();
        }

        bool grouped = UsesGroupedWeightGradient;
        fixed (float* dy = _gradOut!.Data, y = _out!.Data)
        {
            for (int s = s0; s < s1; s++)
            {
                float* dys = dy + (long)s * outSize;
                ActivationKernels.Backward(_act, new ReadOnlySpan<float>(y + (long)s * outSize, outSize), new Span<float>(dys, outSize));
                if (_needDw && !grouped)
                {
                    fixed (float* dw = _dwPart![chunk], db = _dbPart![chunk])
                    {
                        if (_codes is not null)
                        {
                            fixed (byte* codes = _codes)
                            fixed (float* tmp = _scratch![chunk])
                            {
                                Conv1dWeightGradient.Categorical(_plan, codes + (long)s * l, dys, dw, _lists?[chunk], tmp);
                            }
                        }
                        else
                        {
                            fixed (float* xs0 = _x!.Data)
                            fixed (float* _ = _pad is null ? null : _pad[chunk])
                            {
                                float* src = Conv1dLayout.PaddedSample(_plan, xs0 + (long)s * l * c, _pad?[chunk]);
                                Conv1dWeightGradient.Dense(_plan, src, dys, dw);
                            }
                        }

                        VectorOps.AddColumnSums(dys, lo, o, db);
                    }
                }

                if (_needDx)
                {
                    fixed (float* dx = _dx!.Data)
                    {
                        fixed (float* wt = _wt)
                        {
                            Conv1dInputGradient.Sample(_plan, dys, dx + (long)s * l * c, _dxPad![chunk], _dyPad?[chunk], wt + _wtOffset);
                        }
                    }
                }
            }

            if (grouped)
            {
                fixed (float* cols = _cols![chunk], dw = _dwPart![chunk], db = _dbPart![chunk], xs0 = _x!.Data)
                fixed (float* _ = _pad is null ? null : _pad[chunk])
                {
                    Conv1dWeightGradient.Grouped(_plan, dy, s0, s1, xs0, _pad?[chunk], cols, dw, db);
                }
            }
        }
    }

    // Dense input only: with the plan's short outputs, one GEMM per group of samples.
    private bool UsesGroupedWeightGradient => _needDw && _codes is null && _plan.GroupsWeightGradient;
}
