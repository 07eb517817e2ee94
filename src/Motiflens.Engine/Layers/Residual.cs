namespace Motiflens.Engine.Layers;

/// <summary>Residual block: output = input + block(input), where block is a list of layers whose output shape equals the input shape.</summary>
/// <remarks>
/// PyTorch equivalent: a module whose forward is <c>x + self.layers(x)</c> with <c>self.layers = nn.Sequential(...)</c>;
/// parameters are named "layers.{j}.{name}" inside the block.
/// </remarks>
public sealed class Residual : Layer
{
    private readonly Layer[] _layers;
    private Tensor? _out;
    private Tensor? _dx;

    /// <summary>Creates the block.</summary>
    public Residual(IEnumerable<Layer> layers)
    {
        _layers = layers.ToArray();
        if (_layers.Length == 0)
        {
            throw new ArgumentException("a residual block needs at least one layer");
        }
    }

    /// <summary>The inner layers.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _layers.SelectMany(l => l.Parameters).ToArray();

    /// <inheritdoc/>
    public override string ToString() => $"Residual[{string.Join(", ", _layers.Select(l => l.ToString()))}]";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        var shape = inputShape;
        foreach (var layer in _layers)
        {
            shape = layer.Build(shape, rng);
        }

        FuseActivations(_layers);
        if (!shape.AsSpan().SequenceEqual(inputShape))
        {
            throw new ArgumentException($"residual block maps ({string.Join(", ", inputShape)}) to ({string.Join(", ", shape)}); shapes must match (use padding 'same')");
        }

        return inputShape;
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        for (int j = 0; j < _layers.Length; j++)
        {
            foreach (var (name, p) in _layers[j].NamedParameters())
            {
                yield return ($"layers.{j}.{name}", p);
            }
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<StateEntry> GetState(string prefix)
    {
        for (int j = 0; j < _layers.Length; j++)
        {
            foreach (var e in _layers[j].GetState($"{prefix}layers.{j}."))
            {
                yield return e;
            }
        }
    }

    /// <inheritdoc/>
    public override void SetState(string prefix, IReadOnlyDictionary<string, StateEntry> state)
    {
        for (int j = 0; j < _layers.Length; j++)
        {
            _layers[j].SetState($"{prefix}layers.{j}.", state);
        }
    }

    /// <inheritdoc/>
    public override void ApplyConstraints()
    {
        foreach (var layer in _layers)
        {
            layer.ApplyConstraints();
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        var h = x;
        foreach (var layer in _layers)
        {
            h = layer.Forward(h, context);
        }

        var y = Tensor.Ensure(ref _out, x.BatchSize, OutputShape);
        System.Numerics.Tensors.TensorPrimitives.Add(x.Span, h.Span, y.Span);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        var dx = Tensor.Ensure(ref _dx, gradOutput.BatchSize, InputShape);
        // Inner layers may overwrite their incoming gradient, so keep the skip path's copy first.
        gradOutput.Span.CopyTo(dx.Span);
        var g = gradOutput;
        for (int j = _layers.Length - 1; j >= 0; j--)
        {
            g = _layers[j].Backward(g, context, needInputGradient || j > 0)!;
        }

        if (!needInputGradient)
        {
            return null;
        }

        System.Numerics.Tensors.TensorPrimitives.Add(dx.Span, g.Span, dx.Span);
        return dx;
    }
}
