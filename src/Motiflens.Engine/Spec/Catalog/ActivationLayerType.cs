using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary>
/// The standalone activations <c>{"type": "relu"}</c>, sigmoid, ... → <see cref="ActivationLayer"/>; the function is
/// <see cref="LayerSpec.Activation"/> and is also the JSON type name ("identity" reads as "linear").
/// </summary>
internal sealed class ActivationLayerType : ParameterFreeLayerType
{
    public override string Name => "activation";

    public override IReadOnlyList<string> JsonNames => ModelSpecJson.ActivationNames;

    public override IReadOnlyList<string> JsonSynonyms => ["identity"];

    public override bool IsSearchable => false;

    public override string TypeName(LayerSpec layer) => ModelSpecJson.ActivationName(layer.Activation);

    public override LayerSpec Parse(LayerJsonReader reader) =>
        ModelSpecJson.TryActivation(reader.TypeName, out var activation)
            ? new() { Type = this, Activation = activation }
            : throw reader.Error($"unknown activation '{reader.TypeName}'");

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) => input;

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new ActivationLayer(context.Activation);
}
