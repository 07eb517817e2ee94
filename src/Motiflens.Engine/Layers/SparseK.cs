namespace Motiflens.Engine.Layers;

/// <summary>
/// Keeps each sample's largest k = max(1, round(fraction · size)) activations and zeroes the rest (any shape).
/// Gradient flows only through the kept entries. Ties at the threshold keep the earliest positions.
/// </summary>
/// <remarks>PyTorch equivalent: none built in; <c>x * (x &gt;= x.flatten(1).topk(k).values[:, -1:])</c> per sample.</remarks>
public sealed class SparseK : Layer
{
    private Tensor? _out;
    private Tensor? _dx;
    private bool[] _keep = [];
    private float[] _sorted = [];
    private int _n;

    /// <summary>Creates the layer; <paramref name="fraction"/> in (0, 1], default 0.2.</summary>
    public SparseK(float fraction = 0.2f)
    {
        if (!(fraction > 0f && fraction <= 1f))
        {
            throw new ArgumentException($"sparse-k fraction must be in (0, 1]; got {fraction}");
        }

        Fraction = fraction;
    }

    /// <summary>Fraction of each sample's activations kept.</summary>
    public float Fraction { get; }

    /// <summary>Entries kept per sample (after build).</summary>
    public int K { get; private set; }

    /// <inheritdoc/>
    public override string ToString() => $"SparseK({Fraction})";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        int size = Tensor.Product(inputShape);
        K = Math.Clamp((int)Math.Round(Fraction * size, MidpointRounding.AwayFromZero), 1, size);
        return inputShape;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _n = x.BatchSize;
        int size = x.SampleSize;
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        if (_keep.Length < x.Size)
        {
            _keep = new bool[x.Size];
        }

        if (_sorted.Length < size)
        {
            _sorted = new float[size];
        }

        for (int s = 0; s < _n; s++)
        {
            var xs = x.Data.AsSpan(s * size, size);
            var ys = y.Data.AsSpan(s * size, size);
            var keep = _keep.AsSpan(s * size, size);
            var sorted = _sorted.AsSpan(0, size);
            xs.CopyTo(sorted);
            sorted.Sort();
            float threshold = sorted[size - K];
            int above = 0;
            for (int i = 0; i < size; i++)
            {
                above += xs[i] > threshold ? 1 : 0;
            }

            int tiesLeft = K - above;
            for (int i = 0; i < size; i++)
            {
                bool k = xs[i] > threshold || (xs[i] == threshold && tiesLeft-- > 0);
                keep[i] = k;
                ys[i] = k ? xs[i] : 0f;
            }
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
        for (int i = 0; i < dx.Size; i++)
        {
            dx.Data[i] = _keep[i] ? gradOutput.Data[i] : 0f;
        }

        return dx;
    }
}
