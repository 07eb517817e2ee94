using System.Text.Json.Nodes;

namespace Motiflens.Engine.Spec.Catalog;

/// <summary>What conv1d and denovo_conv1d share: their geometry fields and PyTorch's length arithmetic.</summary>
internal abstract class ConvolutionLayerType : LayerType
{
    public override bool HasParameters => true;

    protected static LayerSpec ParseGeometry(LayerJsonReader r, LayerSpec layer) => layer with
    {
        Filters = r.RequiredInt("filters", 1),
        KernelSize = r.RequiredInt("kernel_size", 1),
        Stride = r.OptionalInt("stride", 1, 1),
        Dilation = r.OptionalInt("dilation", 1, 1),
        Padding = r.Padding(),
        UseBias = r.OptionalBool("use_bias", true),
    };

    protected static void WriteGeometry(LayerSpec l, JsonObject o)
    {
        o["filters"] = l.Filters;
        o["kernel_size"] = l.KernelSize;
        o["stride"] = l.Stride;
        o["dilation"] = l.Dilation;
        o["padding"] = l.Padding == PaddingMode.Same ? "same" : "valid";
    }

    public override ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context)
    {
        var x = context.RequireSequence(layer, input);
        int span = (layer.Dilation * (layer.KernelSize - 1)) + 1;
        if (layer.Padding == PaddingMode.Same)
        {
            if (layer.Stride != 1)
            {
                throw context.Error($"padding 'same' needs stride 1 (as in PyTorch); got stride {layer.Stride}");
            }

            return ActivationShape.Sequence(layer.Filters, x.Length);
        }

        if (span > x.Length)
        {
            throw context.Error($"kernel spans {span} positions (kernel_size {layer.KernelSize}, dilation {layer.Dilation}) but the input has length {x.Length}; use padding 'same' or a smaller kernel");
        }

        return ActivationShape.Sequence(layer.Filters, ((x.Length - span) / layer.Stride) + 1);
    }

    public override IReadOnlyList<string> SpaceParameters => ["filters", "kernel_size", "activation", "padding"];

    protected static Layers.Padding EnginePadding(LayerSpec l) => l.Padding == PaddingMode.Same ? Layers.Padding.Same : Layers.Padding.Valid;

    protected static string SameSuffix(LayerSpec l) => l.Padding == PaddingMode.Same ? ",same" : string.Empty;
}
