using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Layers;

/// <summary>
/// Batch normalisation over channels of (N, L, C) (statistics over N and L) or over features of (N, F).
/// </summary>
/// <remarks>
/// PyTorch equivalent: <c>torch.nn.BatchNorm1d(C, eps=1e-5, momentum=0.1)</c> on the channels-first tensor.
/// Training normalises with the batch mean and biased variance and updates running_mean / running_var
/// (unbiased variance) with momentum 0.1; eval uses the running statistics. Parameters: weight (γ, init 1),
/// bias (β, init 0); buffers running_mean (0), running_var (1). PyTorch's int64 num_batches_tracked is not kept.
/// </remarks>
public sealed class BatchNorm : Layer
{
    private readonly Action<int> _chunkWork;
    private Parameter _gamma = null!;
    private Parameter _beta = null!;
    private Parameter _runningMean = null!;
    private Parameter _runningVar = null!;
    private Parameter[] _parameters = [];
    private Tensor? _x;
    private Tensor? _out;
    private Tensor? _xhat;
    private Tensor? _dx;
    private Tensor? _gradOut;
    private float[][]? _part1;
    private float[][]? _part2;
    private float[] _mean = [];
    private float[] _invStd = [];
    private float[] _scale = [];
    private float[] _shift = [];
    private float[] _sumDy = [];
    private float[] _sumDyXhat = [];
    private Activation _act = Activation.Identity;
    private int _n;
    private int _chunks;
    private int _rowsPerSample;
    private int _phase;
    private bool _trainingForward;

    /// <summary>Creates the layer.</summary>
    public BatchNorm(float momentum = 0.1f, float epsilon = 1e-5f)
    {
        Momentum = momentum;
        Epsilon = epsilon;
        _chunkWork = ChunkWork;
    }

    /// <summary>Running-statistics momentum (PyTorch convention: new = (1 − m)·old + m·batch).</summary>
    public float Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Number of normalised channels / features.</summary>
    public int Channels { get; private set; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    internal override bool TryFuseActivation(Activation activation) => FuseInto(ref _act, activation);

    /// <inheritdoc/>
    public override string ToString() => $"BatchNorm({Channels})";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length is not (1 or 2))
        {
            throw new ArgumentException($"BatchNorm needs a (length, channels) or (features) input; got ({string.Join(", ", inputShape)})");
        }

        Channels = inputShape[^1];
        _rowsPerSample = inputShape.Length == 2 ? inputShape[0] : 1;
        _gamma = new Parameter("weight", [Channels]);
        _gamma.Value.Span.Fill(1f);
        _beta = new Parameter("bias", [Channels]);
        _runningMean = new Parameter("running_mean", [Channels], trainable: false);
        _runningVar = new Parameter("running_var", [Channels], trainable: false);
        _runningVar.Value.Span.Fill(1f);
        _parameters = [_gamma, _beta, _runningMean, _runningVar];
        _mean = new float[Channels];
        _invStd = new float[Channels];
        _scale = new float[Channels];
        _shift = new float[Channels];
        _sumDy = new float[Channels];
        _sumDyXhat = new float[Channels];
        return inputShape;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _x = x;
        _n = x.BatchSize;
        _chunks = context.ChunkCount(_n);
        _trainingForward = context.Training;
        int c = Channels;
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        EnsureChunks(ref _part1, _chunks, c);
        EnsureChunks(ref _part2, _chunks, c);
        if (_trainingForward)
        {
            Tensor.Ensure(ref _xhat, _n, InputShape);
            long m = (long)_n * _rowsPerSample;
            if (m < 2)
            {
                throw new ArgumentException($"BatchNorm in training mode needs more than one value per channel; got batch {_n} × {_rowsPerSample}");
            }

            RunPhase(context, 0);
            Combine(_part1!, _mean, 1.0 / m);
            RunPhase(context, 1);
            var rm = _runningMean.Value.Span;
            var rv = _runningVar.Value.Span;
            for (int ch = 0; ch < c; ch++)
            {
                double var = 0;
                for (int t = 0; t < _chunks; t++)
                {
                    var += _part2![t][ch];
                }

                double biased = var / m;
                _invStd[ch] = (float)(1.0 / Math.Sqrt(biased + Epsilon));
                _scale[ch] = _invStd[ch] * _gamma.Value.Data[ch];
                _shift[ch] = _beta.Value.Data[ch] - _mean[ch] * _scale[ch];
                rm[ch] = (1 - Momentum) * rm[ch] + Momentum * _mean[ch];
                rv[ch] = (float)((1 - Momentum) * rv[ch] + Momentum * (var / (m - 1)));
            }

            RunPhase(context, 2);
        }
        else
        {
            for (int ch = 0; ch < c; ch++)
            {
                _invStd[ch] = 1f / MathF.Sqrt(_runningVar.Value.Data[ch] + Epsilon);
                _mean[ch] = _runningMean.Value.Data[ch];
                _scale[ch] = _invStd[ch] * _gamma.Value.Data[ch];
                _shift[ch] = _beta.Value.Data[ch] - _mean[ch] * _scale[ch];
            }

            RunPhase(context, 3);
        }

        return y;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (_x is null)
        {
            throw new InvalidOperationException($"{this}: Backward without Forward");
        }

        _gradOut = gradOutput;
        int c = Channels;
        if (!_trainingForward && !context.ComputeWeightGradients)
        {
            // Eval-mode saliency: dx = scale·act'(y)·dy, no statistics needed.
            if (!needInputGradient)
            {
                _gradOut = null;
                return null;
            }

            var dxe = Tensor.Ensure(ref _dx, _n, InputShape);
            RunPhase(context, 7);
            _gradOut = null;
            return dxe;
        }

        RunPhase(context, 4);
        long m = (long)_n * _rowsPerSample;
        Combine(_part1!, _sumDy, 1.0);
        Combine(_part2!, _sumDyXhat, 1.0);
        if (context.ComputeWeightGradients)
        {
            for (int ch = 0; ch < c; ch++)
            {
                _gamma.Grad.Data[ch] += _sumDyXhat[ch];
                _beta.Grad.Data[ch] += _sumDy[ch];
            }
        }

        Tensor? dx = null;
        if (needInputGradient)
        {
            dx = Tensor.Ensure(ref _dx, _n, InputShape);
            if (_trainingForward)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    // Reuse the buffers as per-channel coefficients of dx = scale·(dy − a − xhat·b).
                    _sumDy[ch] = (float)(_sumDy[ch] / (double)m);
                    _sumDyXhat[ch] = (float)(_sumDyXhat[ch] / (double)m);
                }

                RunPhase(context, 5);
            }
            else
            {
                RunPhase(context, 6);
            }
        }

        _gradOut = null;
        return dx;
    }

    private void RunPhase(LayerContext context, int phase)
    {
        _phase = phase;
        context.Pool.Run(_chunkWork, _chunks);
    }

    private void Combine(float[][] parts, float[] dst, double factor)
    {
        for (int ch = 0; ch < Channels; ch++)
        {
            double s = 0;
            for (int t = 0; t < _chunks; t++)
            {
                s += parts[t][ch];
            }

            dst[ch] = (float)(s * factor);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void ChunkWork(int chunk)
    {
        int c = Channels;
        int r0 = LayerContext.ChunkStart(_n, _chunks, chunk) * _rowsPerSample;
        int r1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1) * _rowsPerSample;
        var p1 = _part1![chunk];
        var p2 = _part2![chunk];
        fixed (float* x = _x!.Data, y = _out!.Data, mean = _mean, scale = _scale, shift = _shift, a = p1, b = p2)
        {
            switch (_phase)
            {
                case 0:
                    p1.AsSpan(0, c).Clear();
                    for (int r = r0; r < r1; r++)
                    {
                        VectorOps.AddTo(a, x + (long)r * c, c);
                    }

                    break;
                case 1:
                    p2.AsSpan(0, c).Clear();
                    for (int r = r0; r < r1; r++)
                    {
                        AddSquaredDeviation(x + (long)r * c, mean, b, c);
                    }

                    break;
                case 2:
                    fixed (float* xh = _xhat!.Data, inv = _invStd)
                    {
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            Normalize(x + o, mean, inv, xh + o, c);
                            Affine(x + o, scale, shift, y + o, c, _act == Activation.Relu);
                        }
                    }

                    if (_act != Activation.Relu)
                    {
                        ActivationKernels.Forward(_act, new Span<float>(y + (long)r0 * c, (r1 - r0) * c));
                    }

                    break;
                case 3:
                    for (int r = r0; r < r1; r++)
                    {
                        long o = (long)r * c;
                        Affine(x + o, scale, shift, y + o, c, _act == Activation.Relu);
                    }

                    if (_act != Activation.Relu)
                    {
                        ActivationKernels.Forward(_act, new Span<float>(y + (long)r0 * c, (r1 - r0) * c));
                    }

                    break;
                case 4:
                    p1.AsSpan(0, c).Clear();
                    p2.AsSpan(0, c).Clear();
                    fixed (float* dy = _gradOut!.Data, inv = _invStd)
                    {
                        ActivationKernels.Backward(_act, new ReadOnlySpan<float>(y + (long)r0 * c, (r1 - r0) * c), new Span<float>(dy + (long)r0 * c, (r1 - r0) * c));
                        if (_trainingForward)
                        {
                            fixed (float* xhat = _xhat!.Data)
                            {
                                for (int r = r0; r < r1; r++)
                                {
                                    long o = (long)r * c;
                                    VectorOps.AddTo(a, dy + o, c);
                                    AddProduct(dy + o, xhat + o, b, c);
                                }
                            }
                        }
                        else
                        {
                            float* xh = stackalloc float[c];
                            for (int r = r0; r < r1; r++)
                            {
                                long o = (long)r * c;
                                Normalize(x + o, mean, inv, xh, c);
                                VectorOps.AddTo(a, dy + o, c);
                                AddProduct(dy + o, xh, b, c);
                            }
                        }
                    }

                    break;
                case 5:
                    fixed (float* dy = _gradOut!.Data, dx = _dx!.Data, xh = _xhat!.Data, sa = _sumDy, sb = _sumDyXhat)
                    {
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            InputGradientRow(dy + o, xh + o, scale, sa, sb, dx + o, c);
                        }
                    }

                    break;
                case 7:
                    fixed (float* dy = _gradOut!.Data, dx = _dx!.Data)
                    {
                        ActivationKernels.Backward(_act, new ReadOnlySpan<float>(y + (long)r0 * c, (r1 - r0) * c), new Span<float>(dy + (long)r0 * c, (r1 - r0) * c));
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            Scale(dy + o, scale, dx + o, c);
                        }
                    }

                    break;
                case 6:
                    fixed (float* dy = _gradOut!.Data, dx = _dx!.Data)
                    {
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            Scale(dy + o, scale, dx + o, c);
                        }
                    }

                    break;
            }
        }
    }

    private static unsafe void Scale(float* dy, float* scale, float* dx, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                (Vector256.Load(dy + i) * Vector256.Load(scale + i)).Store(dx + i);
            }
        }

        for (; i < c; i++)
        {
            dx[i] = dy[i] * scale[i];
        }
    }

    // dx = scale·(dy − a − xhat·b) per channel.
    private static unsafe void InputGradientRow(float* dy, float* xh, float* scale, float* a, float* b, float* dx, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                var v = Vector256.Load(scale + i) * (Vector256.Load(dy + i) - Vector256.Load(a + i) - Vector256.Load(xh + i) * Vector256.Load(b + i));
                v.Store(dx + i);
            }
        }

        for (; i < c; i++)
        {
            dx[i] = scale[i] * (dy[i] - a[i] - xh[i] * b[i]);
        }
    }

    private static unsafe void AddSquaredDeviation(float* x, float* mean, float* acc, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                var d = Vector256.Load(x + i) - Vector256.Load(mean + i);
                Vector256.Store(Vector256.Load(acc + i) + d * d, acc + i);
            }
        }

        for (; i < c; i++)
        {
            float d = x[i] - mean[i];
            acc[i] += d * d;
        }
    }

    private static unsafe void AddProduct(float* u, float* v, float* acc, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                Vector256.Store(Vector256.Load(acc + i) + Vector256.Load(u + i) * Vector256.Load(v + i), acc + i);
            }
        }

        for (; i < c; i++)
        {
            acc[i] += u[i] * v[i];
        }
    }

    private static unsafe void Normalize(float* x, float* mean, float* inv, float* xh, int c)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= c; i += 8)
            {
                Vector256.Store((Vector256.Load(x + i) - Vector256.Load(mean + i)) * Vector256.Load(inv + i), xh + i);
            }
        }

        for (; i < c; i++)
        {
            xh[i] = (x[i] - mean[i]) * inv[i];
        }
    }

    // y = x·scale + shift, optionally followed by ReLU in the same pass.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe void Affine(float* x, float* scale, float* shift, float* y, int c, bool relu)
    {
        int i = 0;
        if (Avx.IsSupported)
        {
            var zero = Vector256<float>.Zero;
            for (; i + 8 <= c; i += 8)
            {
                var v = Avx.Add(Avx.Multiply(Avx.LoadVector256(x + i), Avx.LoadVector256(scale + i)), Avx.LoadVector256(shift + i));
                Avx.Store(y + i, relu ? Avx.Max(zero, v) : v);
            }
        }

        for (; i < c; i++)
        {
            float v = x[i] * scale[i] + shift[i];
            y[i] = relu && !(v > 0f || float.IsNaN(v)) ? 0f : v;
        }
    }
}
