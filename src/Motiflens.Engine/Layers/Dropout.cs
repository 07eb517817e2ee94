namespace Motiflens.Engine.Layers;

/// <summary>
/// Inverted dropout: in training each element is zeroed with probability <see cref="Rate"/> and the kept ones
/// are scaled by 1/(1 − rate); identity in eval mode. The masks come from a stream seeded at build time from the
/// model seed (or by <see cref="Reseed"/>): each training call draws one 64-bit key from it, and element i of that
/// call is kept when a hash of (key, i) clears the threshold, so chunks of the batch can be masked on any thread and the
/// mask does not depend on the thread count.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.Dropout(p)</c> (the random streams differ).</remarks>
public sealed class Dropout : Layer
{
    private readonly Action<int> _forwardChunk;
    private Tensor? _out;
    private Tensor? _dx;
    private Tensor? _x;
    private ulong _key;
    private uint _threshold;
    private int _chunks;
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
        _forwardChunk = ForwardChunk;
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

        // One key per call from the sequential stream; the elements' uniforms are hashes of (key, index).
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        _key = _state;
        // Compare 24-bit uniforms against the threshold so the mask is exact and cheap.
        _threshold = (uint)Math.Round(Rate * (1 << 24));
        _x = x;
        _chunks = context.ChunkCount(x.Size >= 1 << 14 ? _n : 1);
        context.Pool.Run(_forwardChunk, _chunks);
        _x = null;
        return y;
    }

    private void ForwardChunk(int chunk)
    {
        int size = _x!.Size;
        int i0 = LayerContext.ChunkStart(size, _chunks, chunk);
        int i1 = LayerContext.ChunkStart(size, _chunks, chunk + 1);
        float keep = 1f / (1f - Rate);
        var xd = _x.Data;
        var yd = _out!.Data;
        var mask = _mask;
        for (int i = i0; i < i1; i++)
        {
            float m = (uint)(Mix(_key + ((ulong)i * 0x9E3779B97F4A7C15UL)) >> 40) >= _threshold ? keep : 0f;
            mask[i] = m;
            yd[i] = xd[i] * m;
        }
    }

    // SplitMix64's finaliser: a bijective 64-bit mix whose high bits are uniform for consecutive counters.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
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
