using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "dense", "units", "activation", "use_bias"}</c> → <see cref="Layers.Dense"/>: (F) → (units).</summary>
internal sealed class DenseLayerType : LayerType
{
    public override string Name => "dense";

    public override IReadOnlyList<string> Fields => ["units", "activation", "use_bias"];

    public override bool HasParameters => true;

    public override LayerSpec Parse(LayerJsonReader reader) => new()
    {
        Type = this,
        Activation = reader.Activation(ActivationKind.Linear),
        Units = reader.RequiredInt("units", 1),
        UseBias = reader.OptionalBool("use_bias", true),
    };

    public override void Write(LayerSpec layer, JsonObject json)
    {
        json["units"] = layer.Units;
        json["activation"] = ModelSpecJson.ActivationName(layer.Activation);
        json["use_bias"] = layer.UseBias;
    }

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) =>
        input.IsFlat
            ? ActivationShape.Flat(layer.Units)
            : throw context.Error($"dense needs a flat input, but its input is {input} per sample; add a flatten or global pool layer before it");

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.Dense(layer.Units, context.Activation, layer.UseBias);

    public override IReadOnlyList<string> SpaceAliases => ["fc"];

    public override IReadOnlyList<string> SpaceParameters => ["units", "activation"];

    public override LayerSpec FromSpace(SpaceValues values) =>
        new() { Type = this, Units = values.PositiveInt("units"), Activation = values.Activation(ActivationKind.Relu) };

    public override string Label(LayerSpec layer) => $"dense(units={layer.Units},{SpaceValues.Label(layer.Activation)})";
}
