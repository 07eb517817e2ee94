using System.Runtime.Intrinsics;

namespace Motiflens.Engine.Optim;

/// <summary>
/// Adam with PyTorch's defaults and update: with g = grad (+ weightDecay·p unless decoupled),
/// m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
/// Decoupled weight decay (AdamW) instead multiplies p by (1 − lr·weightDecay) before the update.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)</c>; with decoupled, <c>torch.optim.AdamW</c>.</remarks>
public sealed class Adam : Optimizer
{
    // Below this many scalars a threaded update costs more than it saves.
    private const int ParallelMinimum = 1 << 15;

    private readonly Dictionary<Parameter, AdamState> _state = [];
    private readonly AdamState[] _states;
    private readonly float[] _stepSizes;
    private readonly float[] _invBc2Sqrts;
    private readonly Action<int> _chunkWork;
    private readonly long _totalSize;
    private int _chunks = 1;

    /// <summary>Creates the optimiser.</summary>
    public Adam(IEnumerable<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
        float epsilon = 1e-8f, float weightDecay = 0f, bool decoupledWeightDecay = false)
        : base(parameters, learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        DecoupledWeightDecay = decoupledWeightDecay;
        foreach (var p in Parameters)
        {
            _state[p] = new AdamState(p.Size);
        }

        _states = ParameterArray.Select(p => _state[p]).ToArray();
        _stepSizes = new float[_states.Length];
        _invBc2Sqrts = new float[_states.Length];
        _totalSize = ParameterArray.Sum(p => (long)p.Size);
        _chunkWork = UpdateChunk;
    }

    /// <summary>β1.</summary>
    public float Beta1 { get; }

    /// <summary>β2.</summary>
    public float Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>L2 weight decay (coupled, added to the gradient) or decoupled (AdamW).</summary>
    public float WeightDecay { get; set; }

    /// <summary>Whether weight decay is decoupled (AdamW).</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>The state of one parameter.</summary>
    public AdamState State(Parameter parameter) => _state[parameter];

    /// <inheritdoc/>
    public override void Step()
    {
        StepCount++;
        var parameters = ParameterArray;
        for (int pi = 0; pi < parameters.Length; pi++)
        {
            var st = _states[pi];
            st.Step++;
            double bc1 = 1 - Math.Pow(Beta1, st.Step);
            double bc2 = 1 - Math.Pow(Beta2, st.Step);
            _stepSizes[pi] = (float)(LearningRate / bc1);
            _invBc2Sqrts[pi] = (float)(1 / Math.Sqrt(bc2));
        }

        var context = ThreadSource?.Context;
        _chunks = context is null || _totalSize < ParallelMinimum ? 1 : context.Threads;
        if (_chunks == 1)
        {
            UpdateChunk(0);
        }
        else
        {
            context!.Pool.Run(_chunkWork, _chunks);
        }
    }

    // Every parameter's slice of this chunk (elementwise, so any split gives the same result).
    private void UpdateChunk(int chunk)
    {
        var parameters = ParameterArray;
        for (int pi = 0; pi < parameters.Length; pi++)
        {
            var p = parameters[pi];
            var st = _states[pi];
            var (a, b) = Slice(p.Size, _chunks, chunk);
            if (b > a)
            {
                Update(p.Value.Span[a..b], p.Grad.Span[a..b], st.ExpAvg.AsSpan(a, b - a), st.ExpAvgSq.AsSpan(a, b - a), _stepSizes[pi], _invBc2Sqrts[pi]);
            }
        }
    }

    private void Update(Span<float> w, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, float stepSize, float invBc2Sqrt)
    {
        float b1 = Beta1, b2 = Beta2, eps = Epsilon;
        float wd = DecoupledWeightDecay ? 0f : WeightDecay;
        float shrink = DecoupledWeightDecay ? 1f - LearningRate * WeightDecay : 1f;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vb1 = Vector256.Create(b1);
            var vb1c = Vector256.Create(1f - b1);
            var vb2 = Vector256.Create(b2);
            var vb2c = Vector256.Create(1f - b2);
            var vwd = Vector256.Create(wd);
            var vshrink = Vector256.Create(shrink);
            var vstep = Vector256.Create(stepSize);
            var vinv = Vector256.Create(invBc2Sqrt);
            var veps = Vector256.Create(eps);
            for (; i + 8 <= w.Length; i += 8)
            {
                var p = Vector256.Create(w.Slice(i, 8));
                var g = Vector256.Create(grad.Slice(i, 8)) + vwd * p;
                var mv = vb1 * Vector256.Create(m.Slice(i, 8)) + vb1c * g;
                var vv = vb2 * Vector256.Create(v.Slice(i, 8)) + vb2c * g * g;
                mv.CopyTo(m.Slice(i, 8));
                vv.CopyTo(v.Slice(i, 8));
                var denom = Vector256.Sqrt(vv) * vinv + veps;
                (p * vshrink - vstep * mv / denom).CopyTo(w.Slice(i, 8));
            }
        }

        for (; i < w.Length; i++)
        {
            float g = grad[i] + wd * w[i];
            m[i] = b1 * m[i] + (1f - b1) * g;
            v[i] = b2 * v[i] + (1f - b2) * g * g;
            float denom = MathF.Sqrt(v[i]) * invBc2Sqrt + eps;
            w[i] = w[i] * shrink - stepSize * m[i] / denom;
        }
    }
}
