using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "dropout", "rate"}</c> → <see cref="Layers.Dropout"/> (shape kept).</summary>
internal sealed class DropoutLayerType : LayerType
{
    public override string Name => "dropout";

    public override IReadOnlyList<string> Fields => ["rate"];

    public override LayerSpec Parse(LayerJsonReader reader) =>
        reader.Has("rate")
            ? new() { Type = this, Rate = reader.OptionalDouble("rate", 0, v => v is >= 0 and < 1, "in [0, 1)") }
            : throw reader.Error("rate: missing (dropout needs a rate in [0, 1))");

    public override void Write(LayerSpec layer, JsonObject json) => json["rate"] = layer.Rate;

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) => input;

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.Dropout((float)layer.Rate);

    public override IReadOnlyList<string> SpaceParameters => ["rate"];

    public override LayerSpec FromSpace(SpaceValues values) =>
        values.Has("rate")
            ? new() { Type = this, Rate = values.Fraction("rate", 0, allowZero: true) }
            : throw new FormatException("dropout needs 'rate'");

    public override string Label(LayerSpec layer) => $"dropout(rate={SpaceValues.Label(layer.Rate)})";
}
