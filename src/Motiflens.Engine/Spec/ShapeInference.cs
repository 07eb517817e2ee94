using Motiflens.IO;

namespace Motiflens.Engine.Spec;

/// <summary>Checks a spec layer by layer and computes every layer's output shape (PyTorch's length arithmetic).</summary>
public static class ShapeInference
{
    /// <summary>
    /// The output shape of each layer of <paramref name="spec"/>, in order. Throws <see cref="InputException"/>
    /// naming the source and layer for an impossible architecture (e.g. a pool longer than its input).
    /// </summary>
    public static IReadOnlyList<ActivationShape> Infer(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.InputLength < 1)
        {
            throw new InputException(spec.Source, "input.length", $"must be at least 1; got {spec.InputLength}");
        }

        if (spec.Layers.Count == 0)
        {
            throw new InputException(spec.Source, "layers", "needs at least one layer");
        }

        var shapes = InferBlock(spec.Source, "layers", spec.Layers, ActivationShape.Sequence(spec.InputChannels, spec.InputLength));
        var last = shapes[^1];
        if (!last.IsFlat)
        {
            throw new InputException(spec.Source, $"layers[{spec.Layers.Count - 1}]",
                $"the model must end in a flat (N, outputs) output, but the last layer gives {last} per sample; add flatten + dense or a global pool");
        }

        for (int i = 0; i < spec.Layers.Count - 1; i++)
        {
            if (ContainsSoftmax(spec.Layers[i]))
            {
                throw new InputException(spec.Source, $"layers[{i}]", "softmax is only allowed as the output activation of the last layer");
            }
        }

        CheckLink(spec);
        if (spec.OutputNames is { } names && names.Count != last.Size)
        {
            throw new InputException(spec.Source, "outputs", $"{names.Count} output names for {last.Size} outputs");
        }

        return shapes;
    }

    private static bool ContainsSoftmax(LayerSpec layer) =>
        layer.Activation == ActivationKind.Softmax || layer.Layers.Any(ContainsSoftmax);

    private static void CheckLink(ModelSpec spec)
    {
        var link = spec.OutputLink;
        var ok = spec.Loss switch
        {
            LossKind.Bce => link == ActivationKind.Sigmoid,
            LossKind.CategoricalCrossentropy => link == ActivationKind.Softmax,
            LossKind.Poisson => link == ActivationKind.Exponential,
            LossKind.Mse => link == ActivationKind.Linear,
            _ => false,
        };
        if (!ok)
        {
            var need = spec.Loss switch
            {
                LossKind.Bce => "a sigmoid",
                LossKind.CategoricalCrossentropy => "a softmax",
                LossKind.Poisson => "an exponential",
                _ => "a linear",
            };
            throw new InputException(spec.Source, $"layers[{spec.Layers.Count - 1}]",
                $"loss '{ModelSpecJson.LossName(spec.Loss)}' needs {need} output activation, but the last layer's activation is '{ModelSpecJson.ActivationName(link)}'");
        }
    }

    private static List<ActivationShape> InferBlock(string source, string path, IReadOnlyList<LayerSpec> layers, ActivationShape input)
    {
        var shapes = new List<ActivationShape>(layers.Count);
        var shape = input;
        for (int i = 0; i < layers.Count; i++)
        {
            var where = $"{path}[{i}]";
            shape = Next(source, where, layers[i], shape);
            shapes.Add(shape);
        }

        return shapes;
    }

    private static ActivationShape Next(string source, string where, LayerSpec layer, ActivationShape x)
    {
        InputException Bad(string problem) => new(source, where, problem);

        ActivationShape NeedSequence()
        {
            if (x.IsFlat)
            {
                throw Bad($"{layer.TypeName} needs a sequence-shaped (channels, length) input, but its input is flat {x}");
            }

            return x;
        }

        switch (layer.Type)
        {
            case LayerType.Conv1d:
            case LayerType.DenovoConv1d:
            {
                NeedSequence();
                int span = (layer.Dilation * (layer.KernelSize - 1)) + 1;
                if (layer.Padding == PaddingMode.Same)
                {
                    if (layer.Stride != 1)
                    {
                        throw Bad($"padding 'same' needs stride 1 (as in PyTorch); got stride {layer.Stride}");
                    }

                    return ActivationShape.Sequence(layer.Filters, x.Length);
                }

                if (span > x.Length)
                {
                    throw Bad($"kernel spans {span} positions (kernel_size {layer.KernelSize}, dilation {layer.Dilation}) but the input has length {x.Length}; use padding 'same' or a smaller kernel");
                }

                return ActivationShape.Sequence(layer.Filters, ((x.Length - span) / layer.Stride) + 1);
            }

            case LayerType.MaxPool1d:
            case LayerType.AvgPool1d:
            {
                NeedSequence();
                if (layer.PoolSize > x.Length)
                {
                    throw Bad($"pool_size {layer.PoolSize} is longer than its input (length {x.Length})");
                }

                return ActivationShape.Sequence(x.Channels, ((x.Length - layer.PoolSize) / layer.Stride) + 1);
            }

            case LayerType.GlobalMaxPool1d:
            case LayerType.GlobalAvgPool1d:
                NeedSequence();
                return ActivationShape.Flat(x.Channels);
            case LayerType.Flatten:
                return ActivationShape.Flat(x.Size);
            case LayerType.Dense:
                if (!x.IsFlat)
                {
                    throw Bad($"dense needs a flat input, but its input is {x} per sample; add a flatten or global pool layer before it");
                }

                return ActivationShape.Flat(layer.Units);
            case LayerType.Sfc:
                NeedSequence();
                return ActivationShape.Flat(layer.Units);
            case LayerType.BatchNorm:
            case LayerType.Dropout:
            case LayerType.SparseK:
            case LayerType.Activation:
                return x;
            case LayerType.Residual:
            {
                if (layer.Layers.Count == 0)
                {
                    throw Bad("a residual block needs at least one layer");
                }

                var inner = InferBlock(source, where + ".layers", layer.Layers, x);
                if (inner[^1] != x)
                {
                    throw Bad($"a residual block must keep its input shape {x}, but its layers give {inner[^1]}; use padding 'same' and as many filters as input channels");
                }

                return x;
            }

            default:
                throw Bad($"unsupported layer type {layer.Type}");
        }
    }
}
