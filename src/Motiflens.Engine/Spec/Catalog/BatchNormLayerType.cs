using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "batchnorm", "eps", "momentum"}</c> → <see cref="Layers.BatchNorm"/> (shape kept).</summary>
internal sealed class BatchNormLayerType : LayerType
{
    public override string Name => "batchnorm";

    public override IReadOnlyList<string> Fields => ["eps", "momentum"];

    public override bool HasParameters => true;

    public override bool IsSearchable => false;

    public override LayerSpec Parse(LayerJsonReader reader) => new()
    {
        Type = this,
        Eps = reader.OptionalDouble("eps", 1e-5, v => v > 0, "a positive number"),
        Momentum = reader.OptionalDouble("momentum", 0.1, v => v is >= 0 and <= 1, "in [0, 1]"),
    };

    public override void Write(LayerSpec layer, JsonObject json)
    {
        json["eps"] = layer.Eps;
        json["momentum"] = layer.Momentum;
    }

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) => input;

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.BatchNorm((float)layer.Momentum, (float)layer.Eps);
}
