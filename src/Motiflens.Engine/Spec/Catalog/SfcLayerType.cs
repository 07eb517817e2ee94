using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "sfc", "units", "mirrored", "activation"}</c> → <see cref="SeparableFullyConnected"/>: (C, L) → (units).</summary>
internal sealed class SfcLayerType : LayerType
{
    public override string Name => "sfc";

    public override IReadOnlyList<string> Fields => ["units", "mirrored", "activation"];

    public override bool HasParameters => true;

    public override LayerSpec Parse(LayerJsonReader reader) => new()
    {
        Type = this,
        Activation = reader.Activation(ActivationKind.Linear),
        Units = reader.RequiredInt("units", 1),
        Mirrored = reader.OptionalBool("mirrored", false),
    };

    public override void Write(LayerSpec layer, JsonObject json)
    {
        json["units"] = layer.Units;
        json["mirrored"] = layer.Mirrored;
        json["activation"] = ModelSpecJson.ActivationName(layer.Activation);
    }

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context)
    {
        context.RequireSequence(layer, input);
        return ActivationShape.Flat(layer.Units);
    }

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) =>
        new SeparableFullyConnected(layer.Units, layer.Mirrored, context.Activation);

    public override IReadOnlyList<string> SpaceAliases => ["separablefc", "sparsefc"];

    public override IReadOnlyList<string> SpaceParameters => ["units", "activation"];

    public override LayerSpec FromSpace(SpaceValues values) =>
        new() { Type = this, Units = values.PositiveInt("units"), Activation = values.Activation(ActivationKind.Relu) };

    public override string Label(LayerSpec layer) => $"sfc(units={layer.Units},{SpaceValues.Label(layer.Activation)})";
}
