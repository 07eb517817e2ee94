namespace Motiflens.Engine.Layers;

/// <summary>
/// Flattens (N, L, C) to (N, C·L) in PyTorch's channel-major order: output index c·L + l, exactly what
/// <c>torch.nn.Flatten()</c> gives on the (N, C, L) tensor PyTorch's Conv1d produces, so Dense weights saved
/// by Motiflens load into torch.nn.Sequential unchanged. A flat (N, F) input passes through.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.Flatten()</c> on the channels-first activation.</remarks>
public sealed class Flatten : Layer
{
    private readonly Action<int> _forwardChunk;
    private readonly Action<int> _backwardChunk;
    private Tensor? _out;
    private Tensor? _dx;
    private Tensor? _src;
    private Tensor? _dst;
    private int _n;
    private int _chunks;

    /// <summary>Creates the layer.</summary>
    public Flatten()
    {
        _forwardChunk = chunk => TransposeChunk(chunk, InputShape[0], InputShape[1]);
        _backwardChunk = chunk => TransposeChunk(chunk, InputShape[1], InputShape[0]);
    }

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng) => [Tensor.Product(inputShape)];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _n = x.BatchSize;
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        if (InputShape.Length == 2)
        {
            Run(x, y, _forwardChunk, context);
        }
        else
        {
            x.Span.CopyTo(y.Span);
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
        if (InputShape.Length == 2)
        {
            // The inverse permutation: (N, C, L) → (N, L, C).
            Run(gradOutput, dx, _backwardChunk, context);
        }
        else
        {
            gradOutput.Span.CopyTo(dx.Span);
        }

        return dx;
    }

    private void Run(Tensor src, Tensor dst, Action<int> chunkWork, LayerContext context)
    {
        _src = src;
        _dst = dst;
        _chunks = context.ChunkCount(_n);
        context.Pool.Run(chunkWork, _chunks);
        _src = null;
        _dst = null;
    }

    // Per sample of this chunk: dst[c·rows + r] = src[r·cols + c].
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void TransposeChunk(int chunk, int rows, int cols)
    {
        int size = rows * cols;
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        fixed (float* src0 = _src!.Data, dst0 = _dst!.Data)
        {
            for (int s = s0; s < s1; s++)
            {
                float* src = src0 + ((long)s * size);
                float* dst = dst0 + ((long)s * size);
                for (int r = 0; r < rows; r++, src += cols)
                {
                    float* d = dst + r;
                    for (int c = 0; c < cols; c++, d += rows)
                    {
                        *d = src[c];
                    }
                }
            }
        }
    }
}
