namespace Motiflens.Engine;

/// <summary>
/// A learnable tensor (or a non-trainable buffer such as BatchNorm running statistics) with its gradient.
/// </summary>
/// <remarks>
/// <see cref="Name"/> is the PyTorch attribute name ("weight", "bias", "running_mean", ...). The
/// <see cref="Value"/> layout is the engine's internal one (e.g. conv weights (k, in, out)); use
/// <see cref="Layers.Layer.GetState"/> / <see cref="Model.StateDict"/> for PyTorch-shaped copies.
/// Gradients accumulate (as in PyTorch) until <see cref="ZeroGrad"/>.
/// </remarks>
public sealed class Parameter
{
    /// <summary>Creates a parameter with a zero value and zero gradient.</summary>
    public Parameter(string name, int[] shape, bool trainable = true)
    {
        Name = name;
        Value = new Tensor(shape);
        Grad = new Tensor(shape);
        Trainable = trainable;
    }

    /// <summary>PyTorch attribute name, e.g. "weight".</summary>
    public string Name { get; }

    /// <summary>Current value.</summary>
    public Tensor Value { get; }

    /// <summary>Accumulated gradient of the loss with respect to <see cref="Value"/> (same layout).</summary>
    public Tensor Grad { get; }

    /// <summary>False for buffers (running statistics) that optimisers must not touch.</summary>
    public bool Trainable { get; }

    /// <summary>Number of elements.</summary>
    public int Size => Value.Size;

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Grad.Clear();
}
