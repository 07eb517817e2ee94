using Motiflens.IO;

namespace Motiflens.Engine.Spec;

/// <summary>What a <see cref="LayerType.OutputShape"/> rule needs besides the layer: where it is, for errors, and nested inference.</summary>
public sealed class ShapeContext
{
    private readonly Func<string, IReadOnlyList<LayerSpec>, ActivationShape, IReadOnlyList<ActivationShape>> _inferBlock;

    internal ShapeContext(string source, string where, Func<string, IReadOnlyList<LayerSpec>, ActivationShape, IReadOnlyList<ActivationShape>> inferBlock)
    {
        Source = source;
        Where = where;
        _inferBlock = inferBlock;
    }

    /// <summary>The spec's source.</summary>
    public string Source { get; }

    /// <summary>The layer's path, e.g. <c>layers[2]</c>.</summary>
    public string Where { get; }

    /// <summary>An error naming the source and layer.</summary>
    public InputException Error(string problem) => new(Source, Where, problem);

    /// <summary>Returns <paramref name="input"/>, or throws when it is flat but <paramref name="layer"/> needs (channels, length).</summary>
    public ActivationShape RequireSequence(LayerSpec layer, ActivationShape input) =>
        input.IsFlat
            ? throw Error($"{layer.TypeName} needs a sequence-shaped (channels, length) input, but its input is flat {input}")
            : input;

    /// <summary>The output shapes of a nested block (e.g. a residual's) fed <paramref name="input"/>.</summary>
    public IReadOnlyList<ActivationShape> InferBlock(string field, IReadOnlyList<LayerSpec> layers, ActivationShape input) =>
        _inferBlock(Where + "." + field, layers, input);
}
