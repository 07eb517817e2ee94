using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "global_avgpool1d"}</c> → <see cref="Layers.GlobalAvgPool1d"/>: (C, L) → (C).</summary>
internal sealed class GlobalAvgPool1dLayerType : ParameterFreeLayerType
{
    public override string Name => "global_avgpool1d";

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) =>
        ActivationShape.Flat(context.RequireSequence(layer, input).Channels);

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.GlobalAvgPool1d();

    public override IReadOnlyList<string> SpaceAliases => ["globalavgpool", "globalaveragepooling1d", "globalavgpooling1d"];
}
