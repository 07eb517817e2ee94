using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "global_maxpool1d"}</c> → <see cref="Layers.GlobalMaxPool1d"/>: (C, L) → (C).</summary>
internal sealed class GlobalMaxPool1dLayerType : ParameterFreeLayerType
{
    public override string Name => "global_maxpool1d";

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context) =>
        ActivationShape.Flat(context.RequireSequence(layer, input).Channels);

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) => new Layers.GlobalMaxPool1d();

    public override IReadOnlyList<string> SpaceAliases => ["globalmaxpool", "globalmaxpooling1d"];
}
