namespace Motiflens.Engine.Layers;

/// <summary>
/// Inverted dropout: in training each element is zeroed with probability <see cref="Rate"/> and the kept ones
/// are scaled by 1/(1 − rate); identity in eval mode. The mask stream is seeded at build time from the model seed
/// (or by <see cref="Reseed"/>) and drawn sequentially, so it does not depend on the thread count.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.Dropout(p)</c> (the random streams differ).</remarks>
public sealed class Dropout : Layer
{
    private Tensor? _out;
    private Tensor? _dx;
    private float[] _mask = [];
    private ulong _state;
    private bool _active;
    private int _n;

    /// <summary>Creates the layer.</summary>
    public Dropout(float rate)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentException($"Dropout rate must be in [0, 1); got {rate}");
        }

        Rate = rate;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float Rate { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Dropout({Rate})";

    /// <summary>Restarts the mask stream from <paramref name="seed"/>.</summary>
    public void Reseed(long seed)
    {
        _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
        if (_state == 0)
        {
            _state = 1;
        }
    }

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        Reseed(rng.NextInt64());
        return inputShape;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _n = x.BatchSize;
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        _active = context.Training && Rate > 0f;
        if (!_active)
        {
            x.Span.CopyTo(y.Span);
            return y;
        }

        if (_mask.Length < x.Size)
        {
            _mask = new float[x.Size];
        }

        float keep = 1f / (1f - Rate);
        // Compare 24-bit uniforms against the threshold so the mask is exact and cheap.
        uint threshold = (uint)Math.Round(Rate * (1 << 24));
        var xd = x.Data;
        var yd = y.Data;
        for (int i = 0; i < x.Size; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            float m = (uint)(_state >> 40) >= threshold ? keep : 0f;
            _mask[i] = m;
            yd[i] = xd[i] * m;
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
        if (!_active)
        {
            gradOutput.Span.CopyTo(dx.Span);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(gradOutput.Span, _mask.AsSpan(0, dx.Size), dx.Span);
        }

        return dx;
    }
}
