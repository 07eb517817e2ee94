using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "avgpool1d", "pool_size", "stride"}</c> → <see cref="Layers.AvgPool1d"/>.</summary>
internal sealed class AvgPool1dLayerType : PoolLayerType
{
    public override string Name => "avgpool1d";

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.AvgPool1d(layer.PoolSize, layer.Stride);

    public override IReadOnlyList<string> SpaceAliases => ["avgpool", "averagepooling1d", "avgpooling1d"];
}
