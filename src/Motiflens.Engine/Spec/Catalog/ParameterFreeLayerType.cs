using System.Text.Json.Nodes;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary>A layer type without fields: parsing and writing are just its type name.</summary>
internal abstract class ParameterFreeLayerType : LayerType
{
    public override IReadOnlyList<string> Fields => [];

    public override LayerSpec Parse(LayerJsonReader reader) => new() { Type = this };

    public override void Write(LayerSpec layer, JsonObject json)
    {
    }
}
