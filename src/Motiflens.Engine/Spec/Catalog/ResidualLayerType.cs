using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "residual", "layers": [...]}</c> → <see cref="Layers.Residual"/>: input + block(input).</summary>
internal sealed class ResidualLayerType : LayerType
{
    public override string Name => "residual";

    public override IReadOnlyList<string> Fields => ["layers"];

    public override bool HasParameters => true;

    public override bool IsSearchable => false;

    public override LayerSpec Parse(LayerJsonReader reader) =>
        reader.Has("layers")
            ? new() { Type = this, Layers = reader.Layers("layers") }
            : throw reader.Error("layers: missing (a residual block needs a list of layers)");

    public override void Write(LayerSpec layer, JsonObject json) => json["layers"] = ModelSpecJson.LayersToJson(layer.Layers);

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context)
    {
        if (layer.Layers.Count == 0)
        {
            throw context.Error("a residual block needs at least one layer");
        }

        var inner = context.InferBlock("layers", layer.Layers, input);
        if (inner[^1] != input)
        {
            throw context.Error($"a residual block must keep its input shape {input}, but its layers give {inner[^1]}; use padding 'same' and as many filters as input channels");
        }

        return input;
    }

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) =>
        new Layers.Residual(layer.Layers.Select(context.CreateInner));
}
