using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Layers;

/// <summary>A standalone element-wise activation (any shape).</summary>
/// <remarks>PyTorch equivalents: torch.nn.ReLU, torch.exp, torch.nn.Sigmoid, torch.nn.Softplus, torch.nn.Tanh, torch.nn.Identity.</remarks>
public sealed class ActivationLayer : Layer
{
    private Tensor? _out;
    private Tensor? _dx;

    /// <summary>Creates the layer.</summary>
    public ActivationLayer(Activation activation)
    {
        Activation = activation;
    }

    /// <summary>The function applied.</summary>
    public Activation Activation { get; }

    /// <summary>True when the preceding layer applies this activation itself; then this layer passes tensors through.</summary>
    internal bool IsFused { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Activation.ToString();

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        if (IsFused)
        {
            return x;
        }

        var y = Tensor.Ensure(ref _out, x.BatchSize, OutputShape);
        x.Span.CopyTo(y.Span);
        ActivationKernels.Forward(Activation, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (!needInputGradient)
        {
            return null;
        }

        if (IsFused)
        {
            return gradOutput;
        }

        if (_out is null)
        {
            throw new InvalidOperationException($"{this}: Backward without Forward");
        }

        var dx = Tensor.Ensure(ref _dx, _out.BatchSize, InputShape);
        gradOutput.Span.CopyTo(dx.Span);
        ActivationKernels.Backward(Activation, _out.Span, dx.Span);
        return dx;
    }
}
