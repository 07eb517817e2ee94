using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "gelu"}</c> → <see cref="Gelu"/> (exact erf form, as torch.nn.GELU()); shape kept; searchable as <c>{type: gelu}</c>.</summary>
internal sealed class GeluLayerType : ParameterFreeLayerType
{
    public override string Name => "gelu";

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) => input;

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Gelu();
}
