using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary><c>{"type": "conv1d", "filters", "kernel_size", "stride", "dilation", "padding", "activation", "use_bias"}</c> → <see cref="Layers.Conv1d"/>.</summary>
internal sealed class Conv1dLayerType : ConvolutionLayerType
{
    public override string Name => "conv1d";

    public override IReadOnlyList<string> Fields => ["filters", "kernel_size", "stride", "dilation", "padding", "activation", "use_bias"];

    public override LayerSpec Parse(LayerJsonReader reader) =>
        ParseGeometry(reader, new LayerSpec { Type = this, Activation = reader.Activation(ActivationKind.Linear) });

    public override void Write(LayerSpec layer, JsonObject json)
    {
        WriteGeometry(layer, json);
        json["activation"] = ModelSpecJson.ActivationName(layer.Activation);
        json["use_bias"] = layer.UseBias;
    }

    public override Layer Create(LayerSpec layer, LayerFactoryContext context) =>
        new Layers.Conv1d(layer.Filters, layer.KernelSize, layer.Stride, layer.Dilation, EnginePadding(layer), context.Activation, layer.UseBias);

    public override IReadOnlyList<string> SpaceAliases => ["conv", "convolution"];

    public override LayerSpec FromSpace(SpaceValues values) => new()
    {
        Type = this,
        Filters = values.PositiveInt("filters"),
        KernelSize = values.PositiveInt("kernel_size"),
        Activation = values.Activation(ActivationKind.Relu),
        Padding = values.Padding(),
    };

    public override string Label(LayerSpec layer) =>
        $"conv1d(filters={layer.Filters},kernel={layer.KernelSize},{SpaceValues.Label(layer.Activation)}{SameSuffix(layer)})";
}
