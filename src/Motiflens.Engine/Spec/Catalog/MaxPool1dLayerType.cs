using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "maxpool1d", "pool_size", "stride"}</c> → <see cref="Layers.MaxPool1d"/>.</summary>
internal sealed class MaxPool1dLayerType : PoolLayerType
{
    public override string Name => "maxpool1d";

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.MaxPool1d(layer.PoolSize, layer.Stride);

    public override IReadOnlyList<string> SpaceAliases => ["maxpool", "maxpooling1d"];
}
