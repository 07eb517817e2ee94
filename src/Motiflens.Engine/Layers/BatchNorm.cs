using System.Numerics.Tensors;
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
    private Phase _phase;
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
            long m = (long)_n * _rowsPerSample;
            if (m < 2)
            {
                throw new ArgumentException($"BatchNorm in training mode needs more than one value per channel; got batch {_n} × {_rowsPerSample}");
            }

            RunPhase(context, Phase.SumInputs);
            Combine(_part1!, _mean, 1.0 / m);
            RunPhase(context, Phase.SumSquaredDeviations);
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

            RunPhase(context, Phase.NormalizeTraining);
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

            RunPhase(context, Phase.NormalizeEval);
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
            RunPhase(context, Phase.SaliencyEval);
            _gradOut = null;
            return dxe;
        }

        RunPhase(context, Phase.SumGradients);
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

                RunPhase(context, Phase.InputGradientTraining);
            }
            else
            {
                RunPhase(context, Phase.InputGradientEval);
            }
        }

        _gradOut = null;
        return dx;
    }

    private void RunPhase(LayerContext context, Phase phase)
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
                case Phase.SumInputs:
                    p1.AsSpan(0, c).Clear();
                    for (int r = r0; r < r1; r++)
                    {
                        VectorOps.AddTo(a, x + (long)r * c, c);
                    }

                    break;
                case Phase.SumSquaredDeviations:
                    p2.AsSpan(0, c).Clear();
                    for (int r = r0; r < r1; r++)
                    {
                        BatchNormKernels.AddSquaredDeviation(x + (long)r * c, mean, b, c);
                    }

                    break;
                case Phase.NormalizeTraining:
                    // xhat = (x − mean)·invStd is not stored: backward recomputes it from x, the same bits, and the
                    // batch's activations make one pass fewer through memory.
                    BatchNormKernels.AffineRows(x + ((long)r0 * c), scale, shift, y + ((long)r0 * c), r1 - r0, c, _act == Activation.Relu);

                    if (_act != Activation.Relu)
                    {
                        ActivationKernels.Forward(_act, new Span<float>(y + (long)r0 * c, (r1 - r0) * c));
                    }

                    break;
                case Phase.NormalizeEval:
                    BatchNormKernels.AffineRows(x + ((long)r0 * c), scale, shift, y + ((long)r0 * c), r1 - r0, c, _act == Activation.Relu);

                    if (_act != Activation.Relu)
                    {
                        ActivationKernels.Forward(_act, new Span<float>(y + (long)r0 * c, (r1 - r0) * c));
                    }

                    break;
                case Phase.SumGradients:
                    p1.AsSpan(0, c).Clear();
                    p2.AsSpan(0, c).Clear();
                    fixed (float* dy = _gradOut!.Data, inv = _invStd)
                    {
                        ActivationKernels.Backward(_act, new ReadOnlySpan<float>(y + (long)r0 * c, (r1 - r0) * c), new Span<float>(dy + (long)r0 * c, (r1 - r0) * c));
                        // xhat from the statistics of the forward (batch ones in training, running ones in eval).
                        float* xh = stackalloc float[c];
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            BatchNormKernels.Normalize(x + o, mean, inv, xh, c);
                            VectorOps.AddTo(a, dy + o, c);
                            BatchNormKernels.AddProduct(dy + o, xh, b, c);
                        }
                    }

                    break;
                case Phase.InputGradientTraining:
                    fixed (float* dy = _gradOut!.Data, dx = _dx!.Data, inv = _invStd, sa = _sumDy, sb = _sumDyXhat)
                    {
                        float* xh = stackalloc float[c];
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            BatchNormKernels.Normalize(x + o, mean, inv, xh, c);
                            BatchNormKernels.InputGradientRow(dy + o, xh, scale, sa, sb, dx + o, c);
                        }
                    }

                    break;
                case Phase.SaliencyEval:
                    fixed (float* dy = _gradOut!.Data, dx = _dx!.Data)
                    {
                        ActivationKernels.Backward(_act, new ReadOnlySpan<float>(y + (long)r0 * c, (r1 - r0) * c), new Span<float>(dy + (long)r0 * c, (r1 - r0) * c));
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            TensorPrimitives.Multiply(new ReadOnlySpan<float>(dy + o, c), new ReadOnlySpan<float>(scale, c), new Span<float>(dx + o, c));
                        }
                    }

                    break;
                case Phase.InputGradientEval:
                    fixed (float* dy = _gradOut!.Data, dx = _dx!.Data)
                    {
                        for (int r = r0; r < r1; r++)
                        {
                            long o = (long)r * c;
                            TensorPrimitives.Multiply(new ReadOnlySpan<float>(dy + o, c), new ReadOnlySpan<float>(scale, c), new Span<float>(dx + o, c));
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The passes over the batch, each run chunk-parallel by <see cref="ChunkWork"/>.</summary>
    private enum Phase
    {
        /// <summary>Training forward: per-chunk channel sums of x (→ batch mean).</summary>
        SumInputs,

        /// <summary>Training forward: per-chunk channel sums of (x − mean)² (→ batch variance).</summary>
        SumSquaredDeviations,

        /// <summary>Training forward: y = act(x·scale + shift) (xhat = (x − mean)·invStd is recomputed in backward).</summary>
        NormalizeTraining,

        /// <summary>Eval forward with the running statistics: y = act(x·scale + shift).</summary>
        NormalizeEval,

        /// <summary>Backward: dy ← act'(y)·dy, per-chunk sums of dy and dy·xhat (→ dβ, dγ and the dx coefficients).</summary>
        SumGradients,

        /// <summary>Backward after a training forward: dx = scale·(dy − a − xhat·b).</summary>
        InputGradientTraining,

        /// <summary>Backward after an eval forward, weight gradients on: dx = scale·dy (dy already through act').</summary>
        InputGradientEval,

        /// <summary>Eval-mode saliency without weight gradients: dx = scale·act'(y)·dy, no statistics.</summary>
        SaliencyEval,
    }
}
