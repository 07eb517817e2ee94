namespace Motiflens.Engine.Training;

/// <summary>
/// The hidden-layer regularisers as a <see cref="Model"/> hook: manifold mixup at one block boundary and Gaussian
/// noise at every block boundary (<see cref="Model.BlockBoundaries"/>). At a boundary that has both, the activations
/// are mixed first and the noise is added to the mixed activations.
/// </summary>
/// <remarks>
/// Mixing: h' = λ·h + (1 − λ)·h[π], backward dh = λ·g + (1 − λ)·πᵀg (see <see cref="Mixup.MixBackward"/>).
/// Noise: h' = h + σ·z with z ~ N(0, 1) drawn afresh in every forward pass; its gradient is the identity.
/// </remarks>
internal sealed class ManifoldRegulariser : ActivationHook
{
    private readonly HashSet<int> _noisy;
    private readonly float _noiseStd;
    private readonly Random? _noiseRng;
    private readonly Dictionary<int, Tensor?> _outputs = [];
    private Tensor? _gradX;
    private int[] _permutation = [];
    private float _lambda;

    /// <summary>Noise σ = <paramref name="noiseStd"/> (0 = none) at the boundaries <paramref name="noisy"/>, drawn from <paramref name="noiseRng"/>.</summary>
    public ManifoldRegulariser(IEnumerable<int> noisy, double noiseStd, Random? noiseRng)
    {
        _noiseStd = (float)noiseStd;
        _noiseRng = noiseRng;
        _noisy = noiseStd > 0 ? [.. noisy] : [];
    }

    /// <summary>The layer whose input is mixed, or 0 when no activation mixing happens in this batch.</summary>
    public int MixingLayer { get; private set; }

    /// <summary>Mixes the activation entering <paramref name="layerIndex"/> (≥ 1) with λ and π in the next passes.</summary>
    public void SetMixing(int layerIndex, float lambda, int[] permutation)
    {
        MixingLayer = layerIndex;
        _lambda = lambda;
        _permutation = permutation;
    }

    /// <summary>No activation mixing in the next passes.</summary>
    public void ClearMixing() => MixingLayer = 0;

    public override bool AppliesBefore(int layerIndex) => layerIndex == MixingLayer || _noisy.Contains(layerIndex);

    public override Tensor Forward(int layerIndex, Tensor h)
    {
        _outputs.TryGetValue(layerIndex, out var buffer);
        var y = Tensor.Ensure(ref buffer, h.BatchSize, h.Shape[1..]);
        _outputs[layerIndex] = buffer;
        if (layerIndex == MixingLayer)
        {
            if (_permutation.Length != h.BatchSize)
            {
                throw new InvalidOperationException($"the mixing permutation has {_permutation.Length} entries for a batch of {h.BatchSize}");
            }

            Mixup.Mix(h.Span, h.SampleSize, _permutation, _lambda, y.Span);
        }
        else
        {
            h.Span.CopyTo(y.Span);
        }

        if (_noisy.Contains(layerIndex))
        {
            RandomDraws.AddGaussian(_noiseRng!, y.Span, _noiseStd);
        }

        return y;
    }

    public override Tensor Backward(int layerIndex, Tensor gradient)
    {
        if (layerIndex != MixingLayer)
        {
            return gradient;
        }

        var dx = Tensor.Ensure(ref _gradX, gradient.BatchSize, gradient.Shape[1..]);
        Mixup.MixBackward(gradient.Span, gradient.SampleSize, _permutation, _lambda, dx.Span);
        return dx;
    }
}
