using System.Text.Json.Nodes;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary>What maxpool1d and avgpool1d share: pool_size, stride (defaulting to pool_size) and the length rule.</summary>
internal abstract class PoolLayerType : LayerType
{
    public override IReadOnlyList<string> Fields => ["pool_size", "stride"];

    public override LayerSpec Parse(LayerJsonReader reader)
    {
        int pool = reader.RequiredInt("pool_size", 1);
        return new LayerSpec { Type = this, PoolSize = pool, Stride = reader.OptionalInt("stride", pool, 1) };
    }

    public override void Write(LayerSpec layer, JsonObject json)
    {
        json["pool_size"] = layer.PoolSize;
        json["stride"] = layer.Stride;
    }

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context)
    {
        var x = context.RequireSequence(layer, input);
        if (layer.PoolSize > x.Length)
        {
            throw context.Error($"pool_size {layer.PoolSize} is longer than its input (length {x.Length})");
        }

        return ActivationShape.Sequence(x.Channels, ((x.Length - layer.PoolSize) / layer.Stride) + 1);
    }

    public override IReadOnlyList<string> SpaceParameters => ["pool_size", "stride"];

    public override LayerSpec FromSpace(SpaceValues values)
    {
        int size = values.PositiveInt("pool_size");
        return new LayerSpec { Type = this, PoolSize = size, Stride = values.Has("stride") ? values.PositiveInt("stride") : size };
    }

    public override string Label(LayerSpec layer) => $"{SpaceName}(size={layer.PoolSize},stride={layer.Stride})";
}
