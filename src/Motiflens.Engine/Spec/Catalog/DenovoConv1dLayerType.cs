using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "denovo_conv1d", ...}</c> → <see cref="DeNovoConv1d"/> (BioNAS's non-negative convolution, always sigmoid).</summary>
internal sealed class DenovoConv1dLayerType : ConvolutionLayerType
{
    public override string Name => "denovo_conv1d";

    public override IReadOnlyList<string> Fields => ["filters", "kernel_size", "stride", "dilation", "padding"];

    public override LayerSpec Parse(LayerJsonReader reader) =>
        ParseGeometry(reader, new LayerSpec { Type = this, Activation = ActivationKind.Sigmoid });

    public override void Write(LayerSpec layer, JsonObject json) => WriteGeometry(layer, json);

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) =>
        new DeNovoConv1d(layer.Filters, layer.KernelSize, layer.Stride, layer.Dilation, EnginePadding(layer));

    public override string SpaceName => "denovo";

    public override IReadOnlyList<string> SpaceAliases => ["denovoconv1d", "denovoconv"];

    public override IReadOnlyList<string> SpaceParameters => ["filters", "kernel_size", "padding"];

    public override LayerSpec FromSpace(SpaceValues values) => new()
    {
        Type = this,
        Filters = values.PositiveInt("filters"),
        KernelSize = values.PositiveInt("kernel_size"),
        Activation = ActivationKind.Sigmoid,
        Padding = values.Padding(),
    };

    public override string Label(LayerSpec layer) => $"denovo(filters={layer.Filters},kernel={layer.KernelSize}{SameSuffix(layer)})";
}
