using Motiflens.Engine.Spec;

namespace Motiflens.Search.Spaces;

/// <summary>
/// One candidate operation of a model-space layer, e.g. <c>conv1d(filters=3,kernel=14,relu)</c>: the engine layer
/// it adds to the child, or none (<see cref="Identity"/>). Equal operations compare equal.
/// </summary>
/// <param name="Layer">The layer the operation adds; null for identity.</param>
public sealed record Operation(LayerSpec? Layer)
{
    /// <summary>The operation that adds nothing.</summary>
    public static Operation Identity { get; } = new((LayerSpec?)null);

    /// <summary>The layer type, or null for identity.</summary>
    public LayerType? Type => Layer?.Type;

    /// <summary>Whether the operation adds nothing to the child network.</summary>
    public bool IsIdentity => Layer is null;

    /// <summary>The readable layer string used in histories and reports, e.g. <c>maxpool1d(size=8,stride=8)</c>.</summary>
    public string Label => Layer is null ? "identity" : Layer.Type.Label(Layer);

    /// <inheritdoc/>
    public override string ToString() => Label;

    /// <summary>The engine layer this operation becomes, or null for identity.</summary>
    public LayerSpec? ToLayerSpec() => Layer;
}
