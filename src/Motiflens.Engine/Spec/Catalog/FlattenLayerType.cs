using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "flatten"}</c> → <see cref="Layers.Flatten"/>: (C, L) → (C·L).</summary>
internal sealed class FlattenLayerType : ParameterFreeLayerType
{
    public override string Name => "flatten";

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) => ActivationShape.Flat(input.Size);

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.Flatten();
}
