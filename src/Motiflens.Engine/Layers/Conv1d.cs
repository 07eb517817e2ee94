using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    private const int GemmBlock = 256;
    private readonly Action<int> _forwardChunk;
    private readonly Action<int> _backwardChunk;
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
    private float[] _wext = [];
    private long _wtEpoch;
    private long _wextEpoch;
    private float[] _biasExt = [];
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
    public int InChannels { get; private set; }

    /// <summary>Input length L (after build).</summary>
    public int InputLength { get; private set; }

    /// <summary>Output length (after build).</summary>
    public int OutputLength { get; private set; }

    /// <summary>Zero rows added on the left.</summary>
    public int PadLeft { get; private set; }

    /// <summary>Zero rows added on the right.</summary>
    public int PadRight { get; private set; }

    /// <summary>Weight in the internal layout (k, in, out).</summary>
    public Parameter Weight => _weight;

    /// <summary>Bias (out), or null.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    private int PaddedLength => InputLength + PadLeft + PadRight;

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

        InputLength = inputShape[0];
        InChannels = inputShape[1];
        int span = Dilation * (KernelSize - 1);
        if (Padding == Padding.Same)
        {
            PadLeft = span / 2;
            PadRight = span - PadLeft;
        }

        OutputLength = (PaddedLength - span - 1) / Stride + 1;
        if (PaddedLength - span - 1 < 0 || OutputLength < 1)
        {
            throw new ArgumentException($"Conv1d kernel_size={KernelSize}, dilation={Dilation} does not fit input length {InputLength}");
        }

        float bound = 1f / MathF.Sqrt(InChannels * KernelSize);
        // Draw in PyTorch's (out, in, k) order so a seed means the same thing in either layout, then transpose.
        var torchOrder = UniformParameter("weight", [OutChannels, InChannels, KernelSize], bound, rng);
        _weight = new Parameter("weight", [KernelSize, InChannels, OutChannels]);
        FromTorch(torchOrder.Value.Span, _weight.Value.Span);
        _bias = HasBias ? UniformParameter("bias", [OutChannels], bound, rng) : null;
        _parameters = _bias is null ? [_weight] : [_weight, _bias];
        return [OutputLength, OutChannels];
    }

    /// <inheritdoc/>
    public override IEnumerable<StateEntry> GetState(string prefix)
    {
        var w = new float[_weight.Size];
        ToTorch(_weight.Value.Span, w);
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
        FromTorch(w.Data, _weight.Value.Span);
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
                PrepareTransposedWeights();
                _wtEpoch = context.WeightsEpoch;
            }
            EnsureChunks(ref _dxPad, _chunks, PaddedLength * InChannels);
            if (UsesColumnGradient)
            {
                EnsureChunks(ref _dyPad, _chunks, OutputLength * kc);
            }
            else if (UsesFlippedGemm)
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
            EnsureChunks(ref _cols, _chunks, GroupSize * OutputLength * kc);
        }

        if (_codes is not null && _needDw)
        {
            EnsureChunks(ref _scratch, _chunks, kc * o);
            if (UsesBuckets && (_lists is null || _lists.Length < _chunks))
            {
                _lists = new int[_chunks][];
                for (int i = 0; i < _chunks; i++)
                {
                    _lists[i] = GC.AllocateArray<int>(InChannels * InputLength + InChannels, pinned: true);
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

    private bool UsesFlippedGemm => Stride == 1 && Dilation == 1;

    // With fewer than 8 input channels a GEMM whose output width is Cin would waste most SIMD lanes.
    private bool UsesColumnGradient => Stride == 1 && Dilation == 1 && InChannels < 8;

    // One 256-row block of output positions (the dense GEMM's inner blocking) and unit stride.
    private bool UsesBuckets => Stride == 1 && OutputLength <= GemmBlock && Avx.IsSupported;

    // Weights with one extra all-zero row per tap, (k, in + 1, out), and per-chunk position → row-offset tables.
    private void PrepareGather()
    {
        int c = InChannels, o = OutChannels, k = KernelSize, ow = GatherRowStride;
        if (_wext.Length < k * (c + 1) * ow)
        {
            _wext = GC.AllocateArray<float>(k * (c + 1) * ow, pinned: true);
        }

        var w = _weight.Value.Data;
        for (int kk = 0; kk < k; kk++)
        {
            for (int ci = 0; ci <= c; ci++)
            {
                var dst = _wext.AsSpan((kk * (c + 1) + ci) * ow, ow);
                dst.Clear();
                if (ci < c)
                {
                    w.AsSpan((kk * c + ci) * o, o).CopyTo(dst);
                }
            }
        }

        if (_biasExt.Length < ow)
        {
            _biasExt = GC.AllocateArray<float>(ow, pinned: true);
        }

        _biasExt.AsSpan().Clear();
        _bias?.Value.Span.CopyTo(_biasExt);
        if (_offsets is null || _offsets.Length < _chunks)
        {
            _offsets = new int[_chunks][];
            for (int i = 0; i < _chunks; i++)
            {
                _offsets[i] = GC.AllocateArray<int>(PaddedLength, pinned: true);
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void ForwardChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int l = InputLength, c = InChannels, o = OutChannels, lo = OutputLength, k = KernelSize;
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
                    {
                        GatherSingleBlock(codes + (long)s * l, ys, chunk, epilogue: true);
                    }

                    continue;
                }

                // Starting from the bias equals adding it after a single-block GEMM (a + b == b + a), saving a pass.
                bool biasFirst = _codes is null && _bias is not null && Dilation == 1 && k * c <= GemmBlock;
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
                    fixed (float* acc = _scratch![chunk])
                    {
                        GatherSample(codes + (long)s * l, w, ys, acc, chunk);
                    }
                }
                else
                {
                    fixed (float* xs0 = _x!.Data)
                    {
                        float* src = PaddedSample(xs0 + (long)s * l * c, chunk);
                        fixed (float* _ = _pad is null ? null : _pad[chunk])
                        {
                            if (Dilation == 1)
                            {
                                Gemm.Accumulate(src, Stride * c, 1, w, o, ys, o, lo, o, k * c);
                            }
                            else
                            {
                                for (int kk = 0; kk < k; kk++)
                                {
                                    Gemm.Accumulate(src + (long)kk * Dilation * c, Stride * c, 1, w + (long)kk * c * o, o, ys, o, lo, o, c);
                                }
                            }
                        }
                    }
                }

                if (_bias is not null && !biasFirst)
                {
                    fixed (float* b = _bias.Value.Data)
                    {
                        for (int r = 0; r < lo; r++)
                        {
                            VectorOps.AddTo(ys + (long)r * o, b, o);
                        }
                    }
                }

                ActivationKernels.Forward(_act, new Span<float>(ys, outSize));
            }
        }
    }

    // Copies a sample into the chunk's padded buffer (pads stay zero) unless no padding is needed.
    // The returned pointer into _pad is stable because the array is not moved while pinned by the caller's fixed.
    private unsafe float* PaddedSample(float* xs, int chunk)
    {
        if (PadLeft + PadRight == 0)
        {
            return xs;
        }

        fixed (float* p = _pad![chunk])
        {
            Buffer.MemoryCopy(xs, p + (long)PadLeft * InChannels, (long)InputLength * InChannels * 4, (long)InputLength * InChannels * 4);
            return p;
        }
    }

    // Gather path. Reproduces the dense GEMM's summation order exactly: the GEMM sums the k·Cin products of an output
    // in ascending order within blocks of 256 (each block's sum added to the output separately); zero products
    // leave a sum unchanged, so summing only the selected rows in the same blocks gives identical bits.
    // Output channels go in groups of 32 held in four AVX registers.
    private unsafe void GatherSample(byte* codes, float* w, float* ys, float* acc, int chunk)
    {
        if (!Avx.IsSupported)
        {
            GatherSampleReference(codes, w, ys, acc);
            return;
        }

        int l = InputLength, c = InChannels, o = OutChannels, k = KernelSize;
        if (Dilation > 1 || k * c <= GemmBlock)
        {
            // One block per output (or, with dilation, one per tap, which sums in the same order from zero).
            GatherSingleBlock(codes, ys, chunk, epilogue: false);
            return;
        }

        for (int g0 = 0; g0 < o; g0 += 32)
        {
            int width = Math.Min(32, o - g0);
            bool full = width == 32;
            var m0 = Gemm.TailMask(Math.Clamp(width, 0, 8));
            var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
            var m2 = Gemm.TailMask(Math.Clamp(width - 16, 0, 8));
            var m3 = Gemm.TailMask(Math.Clamp(width - 24, 0, 8));
            for (int r = 0; r < OutputLength; r++)
            {
                float* yr = ys + (long)r * o + g0;
                int start = r * Stride - PadLeft;
                int block = -1;
                bool open = false;
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int kk = 0; kk < k; kk++)
                {
                    int pos = start + kk * Dilation;
                    if ((uint)pos >= (uint)l)
                    {
                        continue;
                    }

                    int code = codes[pos];
                    if (code >= c)
                    {
                        continue;
                    }

                    // Dense path with dilation > 1 runs one GEMM per kernel tap: every tap is its own block.
                    int b = Dilation == 1 ? (kk * c + code) / GemmBlock : kk;
                    if (b != block)
                    {
                        if (open)
                        {
                            FlushGather(yr, a0, a1, a2, a3, m0, m1, m2, m3, full);
                        }

                        a0 = a1 = a2 = a3 = default;
                        block = b;
                        open = true;
                    }

                    float* wr = w + ((long)kk * c + code) * o + g0;
                    if (full)
                    {
                        a0 = Avx.Add(a0, Avx.LoadVector256(wr));
                        a1 = Avx.Add(a1, Avx.LoadVector256(wr + 8));
                        a2 = Avx.Add(a2, Avx.LoadVector256(wr + 16));
                        a3 = Avx.Add(a3, Avx.LoadVector256(wr + 24));
                    }
                    else
                    {
                        a0 = Avx.Add(a0, Avx.MaskLoad(wr, m0));
                        a1 = Avx.Add(a1, Avx.MaskLoad(wr + 8, m1));
                        a2 = Avx.Add(a2, Avx.MaskLoad(wr + 16, m2));
                        a3 = Avx.Add(a3, Avx.MaskLoad(wr + 24, m3));
                    }
                }

                if (open)
                {
                    FlushGather(yr, a0, a1, a2, a3, m0, m1, m2, m3, full);
                }
            }
        }
    }

    // Four output rows at a time (independent add chains hide the add latency), 16 output channels per pass.
    // Branch-free: each input position maps to a row offset into the weights extended by an all-zero row per tap
    // (row stride padded to a multiple of 16, so loads need no masks), which padding and non-channel codes point at
    // (adding +0 leaves the sum's bits unchanged).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void GatherSingleBlock(byte* codes, float* ys, int chunk, bool epilogue)
    {
        if (Gemm.UseAvx512)
        {
            GatherSingleBlock512(codes, ys, chunk, epilogue);
            return;
        }

        int c = InChannels, o = OutChannels, k = KernelSize, lo = OutputLength;
        int s = Stride, d = Dilation;
        int tapStride = (c + 1) * GatherRowStride;
        bool relu = epilogue && _act == Activation.Relu;
        fixed (float* wext = _wext, bext = _biasExt)
        fixed (int* off = _offsets![chunk])
        {
            FillGatherOffsets(codes, off);

            for (int g0 = 0; g0 < o; g0 += 16)
            {
                int width = Math.Min(16, o - g0);
                // Rows are written in order, so a full 16-wide store may spill into the next row's first channels
                // (overwritten next) when there is a single channel group; the sample's last rows are masked.
                bool spill = width == 16 || o <= 16;
                var m0 = Gemm.TailMask(Math.Min(width, 8));
                var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
                float* wg = wext + g0;
                // Adding the bias to the finished sum is what the dense path does after its GEMM: same bits.
                var b0 = epilogue ? Avx.LoadVector256(bext + g0) : Vector256<float>.Zero;
                var b1 = epilogue ? Avx.LoadVector256(bext + g0 + 8) : Vector256<float>.Zero;
                int safeRows = width == 16 ? lo : lo - (16 + o - 1) / o;
                int r = 0;
                for (; r + 4 <= lo; r += 4)
                {
                    Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default;
                    Vector256<float> a20 = default, a21 = default, a30 = default, a31 = default;
                    int* pr = off + r * s;
                    for (int kk = 0; kk < k; kk++)
                    {
                        float* wk = wg + (long)kk * tapStride;
                        int* pk = pr + kk * d;
                        Tap(ref a00, ref a01, wk + pk[0]);
                        Tap(ref a10, ref a11, wk + pk[s]);
                        Tap(ref a20, ref a21, wk + pk[2 * s]);
                        Tap(ref a30, ref a31, wk + pk[3 * s]);
                    }

                    if (epilogue)
                    {
                        Epilogue(ref a00, ref a01, b0, b1, relu);
                        Epilogue(ref a10, ref a11, b0, b1, relu);
                        Epilogue(ref a20, ref a21, b0, b1, relu);
                        Epilogue(ref a30, ref a31, b0, b1, relu);
                    }

                    float* yr = ys + (long)r * o + g0;
                    StoreRow(yr, a00, a01, m0, m1, spill && r < safeRows);
                    StoreRow(yr + o, a10, a11, m0, m1, spill && r + 1 < safeRows);
                    StoreRow(yr + 2 * o, a20, a21, m0, m1, spill && r + 2 < safeRows);
                    StoreRow(yr + 3 * o, a30, a31, m0, m1, spill && r + 3 < safeRows);
                }

                for (; r < lo; r++)
                {
                    Vector256<float> a0 = default, a1 = default;
                    int* pr = off + r * s;
                    for (int kk = 0; kk < k; kk++)
                    {
                        Tap(ref a0, ref a1, wg + (long)kk * tapStride + pr[kk * d]);
                    }

                    if (epilogue)
                    {
                        Epilogue(ref a0, ref a1, b0, b1, relu);
                    }

                    StoreRow(ys + (long)r * o + g0, a0, a1, m0, m1, spill && r < safeRows);
                }
            }
        }
    }

    // The AVX-512 form of GatherSingleBlock: a group of 16 output channels is one zmm register, eight output rows at a
    // time (eight independent add chains). Every lane adds the same rows in the same order, so the bits are the same.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void GatherSingleBlock512(byte* codes, float* ys, int chunk, bool epilogue)
    {
        int c = InChannels, o = OutChannels, k = KernelSize, lo = OutputLength;
        int s = Stride, d = Dilation;
        int tapStride = (c + 1) * GatherRowStride;
        bool relu = epilogue && _act == Activation.Relu;
        fixed (float* wext = _wext, bext = _biasExt)
        fixed (int* off = _offsets![chunk])
        {
            FillGatherOffsets(codes, off);

            for (int g0 = 0; g0 < o; g0 += 16)
            {
                int width = Math.Min(16, o - g0);
                bool spill = width == 16 || o <= 16;
                var m0 = Gemm.TailMask(Math.Min(width, 8));
                var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
                float* wg = wext + g0;
                var bias = epilogue ? Avx512F.LoadVector512(bext + g0) : Vector512<float>.Zero;
                int safeRows = width == 16 ? lo : lo - (16 + o - 1) / o;
                int r = 0;
                for (; r + 8 <= lo; r += 8)
                {
                    Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
                    int* pr = off + r * s;
                    for (int kk = 0; kk < k; kk++)
                    {
                        float* wk = wg + (long)kk * tapStride;
                        int* pk = pr + kk * d;
                        a0 = Avx512F.Add(a0, Avx512F.LoadVector512(wk + pk[0]));
                        a1 = Avx512F.Add(a1, Avx512F.LoadVector512(wk + pk[s]));
                        a2 = Avx512F.Add(a2, Avx512F.LoadVector512(wk + pk[2 * s]));
                        a3 = Avx512F.Add(a3, Avx512F.LoadVector512(wk + pk[3 * s]));
                        a4 = Avx512F.Add(a4, Avx512F.LoadVector512(wk + pk[4 * s]));
                        a5 = Avx512F.Add(a5, Avx512F.LoadVector512(wk + pk[5 * s]));
                        a6 = Avx512F.Add(a6, Avx512F.LoadVector512(wk + pk[6 * s]));
                        a7 = Avx512F.Add(a7, Avx512F.LoadVector512(wk + pk[7 * s]));
                    }

                    float* yr = ys + (long)r * o + g0;
                    StoreRow512(yr, a0, bias, epilogue, relu, m0, m1, spill && r < safeRows);
                    StoreRow512(yr + o, a1, bias, epilogue, relu, m0, m1, spill && r + 1 < safeRows);
                    StoreRow512(yr + 2 * o, a2, bias, epilogue, relu, m0, m1, spill && r + 2 < safeRows);
                    StoreRow512(yr + 3 * o, a3, bias, epilogue, relu, m0, m1, spill && r + 3 < safeRows);
                    StoreRow512(yr + 4 * o, a4, bias, epilogue, relu, m0, m1, spill && r + 4 < safeRows);
                    StoreRow512(yr + 5 * o, a5, bias, epilogue, relu, m0, m1, spill && r + 5 < safeRows);
                    StoreRow512(yr + 6 * o, a6, bias, epilogue, relu, m0, m1, spill && r + 6 < safeRows);
                    StoreRow512(yr + 7 * o, a7, bias, epilogue, relu, m0, m1, spill && r + 7 < safeRows);
                }

                for (; r < lo; r++)
                {
                    Vector512<float> a0 = default;
                    int* pr = off + r * s;
                    for (int kk = 0; kk < k; kk++)
                    {
                        a0 = Avx512F.Add(a0, Avx512F.LoadVector512(wg + (long)kk * tapStride + pr[kk * d]));
                    }

                    StoreRow512(ys + (long)r * o + g0, a0, bias, epilogue, relu, m0, m1, spill && r < safeRows);
                }
            }
        }
    }

    // Bias and ReLU as Epilogue does them, then the row store of StoreRow on the two halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow512(float* y, Vector512<float> a, Vector512<float> bias, bool epilogue, bool relu,
        Vector256<float> m0, Vector256<float> m1, bool full)
    {
        if (epilogue)
        {
            a = Avx512F.Add(a, bias);
            if (relu)
            {
                a = Avx512F.Max(Vector512<float>.Zero, a);
            }
        }

        if (full)
        {
            Avx512F.Store(y, a);
        }
        else
        {
            StoreRow(y, a.GetLower(), a.GetUpper(), m0, m1, false);
        }
    }

    // Row offset into the extended weights for every padded input position: code · row stride, or the all-zero row
    // for padding and non-channel codes (N).
    private unsafe void FillGatherOffsets(byte* codes, int* off)
    {
        int l = InputLength, c = InChannels, ow = GatherRowStride, zero = c * ow;
        for (int p = 0; p < PaddedLength; p++)
        {
            int pos = p - PadLeft;
            int code = (uint)pos < (uint)l ? codes[pos] : c;
            off[p] = code < c ? code * ow : zero;
        }
    }

    private int GatherRowStride => (OutChannels + 15) / 16 * 16;

    private bool GatherEpilogue => _codes is not null && Avx.IsSupported && (Dilation > 1 || KernelSize * InChannels <= GemmBlock)
        && _act is Activation.Identity or Activation.Relu;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Epilogue(ref Vector256<float> a0, ref Vector256<float> a1, Vector256<float> b0, Vector256<float> b1, bool relu)
    {
        a0 = Avx.Add(a0, b0);
        a1 = Avx.Add(a1, b1);
        if (relu)
        {
            // maxps(0, v) keeps NaN like the separate ReLU kernel.
            a0 = Avx.Max(Vector256<float>.Zero, a0);
            a1 = Avx.Max(Vector256<float>.Zero, a1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tap(ref Vector256<float> a0, ref Vector256<float> a1, float* wr)
    {
        a0 = Avx.Add(a0, Avx.LoadVector256(wr));
        a1 = Avx.Add(a1, Avx.LoadVector256(wr + 8));
    }

    // The output starts at zero and 0 + acc == acc bit for bit (acc starts at +0, so it is never −0): store directly.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(float* y, Vector256<float> a0, Vector256<float> a1, Vector256<float> m0, Vector256<float> m1, bool full)
    {
        if (full)
        {
            Avx.Store(y, a0);
            Avx.Store(y + 8, a1);
        }
        else
        {
            Avx.MaskStore(y, m0, a0);
            Avx.MaskStore(y + 8, m1, a1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void FlushGather(float* y, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, bool full)
    {
        if (full)
        {
            Avx.Store(y, Avx.Add(Avx.LoadVector256(y), a0));
            Avx.Store(y + 8, Avx.Add(Avx.LoadVector256(y + 8), a1));
            Avx.Store(y + 16, Avx.Add(Avx.LoadVector256(y + 16), a2));
            Avx.Store(y + 24, Avx.Add(Avx.LoadVector256(y + 24), a3));
        }
        else
        {
            Avx.MaskStore(y, m0, Avx.Add(Avx.MaskLoad(y, m0), a0));
            Avx.MaskStore(y + 8, m1, Avx.Add(Avx.MaskLoad(y + 8, m1), a1));
            Avx.MaskStore(y + 16, m2, Avx.Add(Avx.MaskLoad(y + 16, m2), a2));
            Avx.MaskStore(y + 24, m3, Avx.Add(Avx.MaskLoad(y + 24, m3), a3));
        }
    }

    /// <summary>Scalar-loop reference of <see cref="GatherSample"/> (same summation order).</summary>
    internal unsafe void GatherSampleReference(byte* codes, float* w, float* ys, float* acc)
    {
        int l = InputLength, c = InChannels, o = OutChannels, k = KernelSize;
        for (int r = 0; r < OutputLength; r++)
        {
            float* row = ys + (long)r * o;
            int start = r * Stride - PadLeft;
            int block = -1;
            bool open = false;
            for (int kk = 0; kk < k; kk++)
            {
                int pos = start + kk * Dilation;
                if ((uint)pos >= (uint)l)
                {
                    continue;
                }

                int code = codes[pos];
                if (code >= c)
                {
                    continue;
                }

                int b = Dilation == 1 ? (kk * c + code) / GemmBlock : kk;
                if (b != block)
                {
                    if (open)
                    {
                        VectorOps.AddToReference(row, acc, o);
                    }

                    new Span<float>(acc, o).Clear();
                    block = b;
                    open = true;
                }

                VectorOps.AddToReference(acc, w + ((long)kk * c + code) * o, o);
            }

            if (open)
            {
                VectorOps.AddToReference(row, acc, o);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
                                if (UsesBuckets)
                                {
                                    BucketWeightGradient(codes + (long)s * l, dys, dw, chunk);
                                }
                                else
                                {
                                    ScatterWeightGradient(codes + (long)s * l, dys, dw, tmp);
                                }
                            }
                        }
                        else
                        {
                            fixed (float* xs0 = _x!.Data)
                            fixed (float* _ = _pad is null ? null : _pad[chunk])
                            {
                                float* src = PaddedSample(xs0 + (long)s * l * c, chunk);
                                if (Dilation == 1)
                                {
                                    Gemm.Accumulate(src, 1, Stride * c, dys, o, dw, o, kc, o, lo);
                                }
                                else
                                {
                                    for (int kk = 0; kk < k; kk++)
                                    {
                                        Gemm.Accumulate(src + (long)kk * Dilation * c, 1, Stride * c, dys, o, dw + (long)kk * c * o, o, c, o, lo);
                                    }
                                }
                            }
                        }

                        VectorOps.AddColumnSums(dys, lo, o, db);
                    }
                }

                if (_needDx)
                {
                    InputGradientSample(dys, s, chunk);
                }
            }

            if (grouped)
            {
                GroupedWeightGradient(dy, s0, s1, chunk);
            }
        }
    }

    // Short outputs make a per-sample dW GEMM mostly overhead (inner length = output length): copy the im2col rows of a
    // group of samples (~128 rows) into one matrix and run a single GEMM over all of them.
    private bool UsesGroupedWeightGradient => _needDw && _codes is null && Dilation == 1 && OutputLength < GroupRows && InChannels >= 8;

    private const int GroupRows = 128;

    private int GroupSize => Math.Max(1, GroupRows / OutputLength);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void GroupedWeightGradient(float* dy, int s0, int s1, int chunk)
    {
        int l = InputLength, c = InChannels, o = OutChannels, lo = OutputLength, kc = KernelSize * c;
        int g = GroupSize;
        fixed (float* cols = _cols![chunk], dw = _dwPart![chunk], db = _dbPart![chunk], xs0 = _x!.Data)
        fixed (float* _ = _pad is null ? null : _pad[chunk])
        {
            for (int g0 = s0; g0 < s1; g0 += g)
            {
                int gn = Math.Min(g, s1 - g0);
                for (int s = g0; s < g0 + gn; s++)
                {
                    float* src = PaddedSample(xs0 + (long)s * l * c, chunk);
                    float* dst = cols + (long)(s - g0) * lo * kc;
                    for (int r = 0; r < lo; r++)
                    {
                        Buffer.MemoryCopy(src + (long)r * Stride * c, dst + (long)r * kc, kc * 4L, kc * 4L);
                    }
                }

                float* dyg = dy + (long)g0 * lo * o;
                Gemm.Accumulate(cols, 1, kc, dyg, o, dw, o, kc, o, gn * lo);
                VectorOps.AddColumnSums(dyg, gn * lo, o, db);
            }
        }
    }

    // dW[kk, code, :] = Σ dy[r, :] over output rows r whose tap kk reads channel `code`. Positions are bucketed by
    // code once per sample; each (tap, code) sum then runs in registers over its bucket in ascending r — the order,
    // starting from zero, in which the dense GEMM (inner index = output position) sums, so bits are identical.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void BucketWeightGradient(byte* codes, float* dys, float* dw, int chunk)
    {
        int l = InputLength, c = InChannels, o = OutChannels, k = KernelSize, lo = OutputLength, d = Dilation;
        fixed (int* lists = _lists![chunk])
        {
            int* counts = lists + c * l;
            new Span<int>(counts, c).Clear();
            for (int p = 0; p < l; p++)
            {
                int code = codes[p];
                if (code < c)
                {
                    lists[code * l + counts[code]++] = p + PadLeft;
                }
            }

            for (int g0 = 0; g0 < o; g0 += 32)
            {
                int width = Math.Min(32, o - g0);
                var m0 = Gemm.TailMask(Math.Clamp(width, 0, 8));
                var m1 = Gemm.TailMask(Math.Clamp(width - 8, 0, 8));
                var m2 = Gemm.TailMask(Math.Clamp(width - 16, 0, 8));
                var m3 = Gemm.TailMask(Math.Clamp(width - 24, 0, 8));
                bool full = width == 32;
                float* dyg = dys + g0;
                for (int kk = 0; kk < k; kk++)
                {
                    int shift = kk * d;
                    for (int code = 0; code < c; code++)
                    {
                        int* list = lists + code * l;
                        int count = counts[code];
                        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                        for (int i = 0; i < count; i++)
                        {
                            int r = list[i] - shift;
                            if ((uint)r >= (uint)lo)
                            {
                                continue;
                            }

                            float* row = dyg + (long)r * o;
                            if (full)
                            {
                                a0 = Avx.Add(a0, Avx.LoadVector256(row));
                                a1 = Avx.Add(a1, Avx.LoadVector256(row + 8));
                                a2 = Avx.Add(a2, Avx.LoadVector256(row + 16));
                                a3 = Avx.Add(a3, Avx.LoadVector256(row + 24));
                            }
                            else
                            {
                                a0 = Avx.Add(a0, Avx.MaskLoad(row, m0));
                                a1 = Avx.Add(a1, Avx.MaskLoad(row + 8, m1));
                                a2 = Avx.Add(a2, Avx.MaskLoad(row + 16, m2));
                                a3 = Avx.Add(a3, Avx.MaskLoad(row + 24, m3));
                            }
                        }

                        FlushGather(dw + ((long)kk * c + code) * o + g0, a0, a1, a2, a3, m0, m1, m2, m3, full);
                    }
                }
            }
        }
    }

    // dW[kk, code, :] += dy[l, :] for the selected rows, summed per sample in blocks of 256 output positions
    // exactly as the dense GEMM (inner index = output position) does.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void ScatterWeightGradient(byte* codes, float* dys, float* dw, float* tmp)
    {
        int l = InputLength, c = InChannels, o = OutChannels, k = KernelSize, lo = OutputLength;
        int size = k * c * o;
        for (int r0 = 0; r0 < lo; r0 += GemmBlock)
        {
            int r1 = Math.Min(lo, r0 + GemmBlock);
            new Span<float>(tmp, size).Clear();
            for (int r = r0; r < r1; r++)
            {
                int start = r * Stride - PadLeft;
                for (int kk = 0; kk < k; kk++)
                {
                    int pos = start + kk * Dilation;
                    if ((uint)pos >= (uint)l)
                    {
                        continue;
                    }

                    int code = codes[pos];
                    if (code < c)
                    {
                        VectorOps.AddTo(tmp + ((long)kk * c + code) * o, dys + (long)r * o, o);
                    }
                }
            }

            VectorOps.AddTo(dw, tmp, size);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void InputGradientSample(float* dys, int s, int chunk)
    {
        int l = InputLength, c = InChannels, o = OutChannels, lo = OutputLength, k = KernelSize;
        int lp = PaddedLength;
        bool padded = PadLeft + PadRight > 0;
        fixed (float* dx = _dx!.Data, dxp = _dxPad![chunk], wt = _wt)
        {
            float* dxs = dx + (long)s * l * c;
            if (!UsesColumnGradient && UsesFlippedGemm)
            {
                // dx[j] = Σ_k' dyPad[j + k'] · Wflip[k'] with dyPad = dy framed by k−1 zero rows: one GEMM, inner k·out,
                // over the unpadded rows only (padded positions' gradients are never needed), written straight into dx.
                fixed (float* dyp = _dyPad![chunk])
                {
                    int frame = (k - 1) * o;
                    new Span<float>(dyp, frame).Clear();
                    new Span<float>(dyp + frame + (long)lo * o, frame).Clear();
                    Buffer.MemoryCopy(dys, dyp + frame, (long)lo * o * 4, (long)lo * o * 4);
                    new Span<float>(dxs, l * c).Clear();
                    Gemm.Accumulate(dyp + (long)PadLeft * o, o, 1, wt, c, dxs, c, l, c, k * o);
                }

                return;
            }

            float* target = padded ? dxp : dxs;
            new Span<float>(target, lp * c).Clear();
            if (UsesColumnGradient)
            {
                // Few input channels: Z = dY·Wᵀ with a wide (k·in) output, then scatter-add ("col2im"): the rows of Z
                // are exactly the contiguous k·in slices of dx that output position l touched.
                fixed (float* z = _dyPad![chunk])
                {
                    int kc = k * c;
                    new Span<float>(z, lo * kc).Clear();
                    Gemm.Accumulate(dys, o, 1, wt, kc, z, kc, lo, kc, o);
                    for (int r = 0; r < lo; r++)
                    {
                        VectorOps.AddTo(target + (long)r * c, z + (long)r * kc, kc);
                    }
                }
            }
            else
            {
                for (int kk = 0; kk < k; kk++)
                {
                    Gemm.Accumulate(dys, o, 1, wt + (long)kk * o * c, c, target + (long)kk * Dilation * c, Stride * c, lo, c, o);
                }
            }

            if (padded)
            {
                Buffer.MemoryCopy(dxp + (long)PadLeft * c, dxs, (long)l * c * 4, (long)l * c * 4);
            }
        }
    }

    // wt[kk][o][c] = W[kk][c][o], with the taps reversed for the single flipped GEMM (stride 1, dilation 1).
    private void PrepareTransposedWeights()
    {
        int c = InChannels, o = OutChannels, k = KernelSize;
        if (_wt.Length < k * c * o)
        {
            _wt = new float[k * c * o];
        }

        var w = _weight.Value.Data;
        if (UsesColumnGradient)
        {
            // wt[o][kk·in + c] = W[kk][c][o]: the (out, k·in) matrix.
            int kc = k * c;
            for (int r = 0; r < kc; r++)
            {
                for (int oi = 0; oi < o; oi++)
                {
                    _wt[oi * kc + r] = w[r * o + oi];
                }
            }

            return;
        }

        bool flip = UsesFlippedGemm;
        for (int kk = 0; kk < k; kk++)
        {
            int dst = (flip ? k - 1 - kk : kk) * o * c;
            for (int ci = 0; ci < c; ci++)
            {
                int src = (kk * c + ci) * o;
                for (int oi = 0; oi < o; oi++)
                {
                    _wt[dst + oi * c + ci] = w[src + oi];
                }
            }
        }
    }

    /// <summary>(out, in, k) → internal (k, in, out).</summary>
    private void FromTorch(ReadOnlySpan<float> torch, Span<float> internalLayout)
    {
        int c = InChannels, o = OutChannels, k = KernelSize;
        for (int oi = 0; oi < o; oi++)
        {
            for (int ci = 0; ci < c; ci++)
            {
                for (int kk = 0; kk < k; kk++)
                {
                    internalLayout[(kk * c + ci) * o + oi] = torch[(oi * c + ci) * k + kk];
                }
            }
        }
    }

    /// <summary>Internal (k, in, out) → (out, in, k).</summary>
    private void ToTorch(ReadOnlySpan<float> internalLayout, Span<float> torch)
    {
        int c = InChannels, o = OutChannels, k = KernelSize;
        for (int oi = 0; oi < o; oi++)
        {
            for (int ci = 0; ci < c; ci++)
            {
                for (int kk = 0; kk < k; kk++)
                {
                    torch[(oi * c + ci) * k + kk] = internalLayout[(kk * c + ci) * o + oi];
                }
            }
        }
    }
}
