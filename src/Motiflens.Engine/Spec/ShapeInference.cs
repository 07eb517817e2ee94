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
            var layer = layers[i];
            var context = new ShapeContext(source, $"{path}[{i}]", (innerPath, inner, x) => InferBlock(source, innerPath, inner, x));
            shape = layer.Type.OutputShape(layer, shape, context);
            shapes.Add(shape);
        }

        return shapes;
    }
}
