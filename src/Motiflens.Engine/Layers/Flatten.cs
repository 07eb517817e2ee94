namespace Motiflens.Engine.Layers;

/// <summary>
/// Flattens (N, L, C) to (N, C·L) in PyTorch's channel-major order: output index c·L + l, exactly what
/// <c>torch.nn.Flatten()</c> gives on the (N, C, L) tensor PyTorch's Conv1d produces, so Dense weights saved
/// by Motiflens load into torch.nn.Sequential unchanged. A flat (N, F) input passes through.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.nn.Flatten()</c> on the channels-first activation.</remarks>
public sealed class Flatten : Layer
{
    private Tensor? _out;
    private Tensor? _dx;
    private int _n;

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
            Transpose(x.Data, y.Data, _n, InputShape[0], InputShape[1]);
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
            Transpose(gradOutput.Data, dx.Data, _n, InputShape[1], InputShape[0]);
        }
        else
        {
            gradOutput.Span.CopyTo(dx.Span);
        }

        return dx;
    }

    // Per sample: dst[c·rows + r] = src[r·cols + c].
    private static void Transpose(float[] src, float[] dst, int n, int rows, int cols)
    {
        int size = rows * cols;
        for (int s = 0; s < n; s++)
        {
            int o = s * size;
            for (int r = 0; r < rows; r++)
            {
                int sr = o + r * cols;
                for (int c = 0; c < cols; c++)
                {
                    dst[o + c * rows + r] = src[sr + c];
                }
            }
        }
    }
}
