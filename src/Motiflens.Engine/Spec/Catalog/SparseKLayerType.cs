using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "sparsek", "fraction"}</c> → <see cref="Layers.SparseK"/> (shape kept).</summary>
internal sealed class SparseKLayerType : LayerType
{
    public override string Name => "sparsek";

    public override IReadOnlyList<string> Fields => ["fraction"];

    public override LayerSpec Parse(LayerJsonReader reader) =>
        new() { Type = this, Fraction = reader.OptionalDouble("fraction", 0.2, v => v is > 0 and <= 1, "in (0, 1]") };

    public override void Write(LayerSpec layer, JsonObject json) => json["fraction"] = layer.Fraction;

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) => input;

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.SparseK((float)layer.Fraction);

    public override IReadOnlyList<string> SpaceAliases => ["sparsekvec"];

    public override IReadOnlyList<string> SpaceParameters => ["fraction"];

    public override LayerSpec FromSpace(SpaceValues values) =>
        new() { Type = this, Fraction = values.Fraction("fraction", 0.2, allowZero: false) };

    public override string Label(LayerSpec layer) => $"sparsek(fraction={SpaceValues.Label(layer.Fraction)})";
}
