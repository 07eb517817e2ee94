using Motiflens.Engine.Spec;

namespace Motiflens.Search.Population;

/// <summary>
/// The model variants of a population: the base spec with or without its batchnorm layers and with a chosen
/// first-layer activation, plus the built-in base model.
/// </summary>
public static class PopulationSpecs
{
    /// <summary>First-layer activations a grid may vary.</summary>
    public static IReadOnlyDictionary<string, ActivationKind> Activations { get; } = new Dictionary<string, ActivationKind>(StringComparer.Ordinal)
    {
        ["relu"] = ActivationKind.Relu,
        ["exponential"] = ActivationKind.Exponential,
        ["softplus"] = ActivationKind.Softplus,
        ["tanh"] = ActivationKind.Tanh,
        ["sigmoid"] = ActivationKind.Sigmoid,
    };

    /// <summary>Name of the built-in base model (examples/models/cnn-deep-exp.json).</summary>
    public const string BuiltinBaseName = "cnn-deep-exp";

    // The Koo-lab style CNN of examples/models/cnn-deep-exp.json: the paper population's base model.
    private const string BuiltinBaseJson = """
        {
          "input": {"length": 200, "alphabet": "ACGT"},
          "layers": [
            {"type": "conv1d", "filters": 32, "kernel_size": 19, "padding": "same"},
            {"type": "batchnorm"},
            {"type": "exponential"},
            {"type": "maxpool1d", "pool_size": 4},
            {"type": "dropout", "rate": 0.1},
            {"type": "conv1d", "filters": 48, "kernel_size": 7, "padding": "same"},
            {"type": "batchnorm"},
            {"type": "relu"},
            {"type": "maxpool1d", "pool_size": 4},
            {"type": "dropout", "rate": 0.2},
            {"type": "flatten"},
            {"type": "dense", "units": 96},
            {"type": "batchnorm"},
            {"type": "relu"},
            {"type": "dropout", "rate": 0.5},
            {"type": "dense", "units": 1, "activation": "sigmoid"}
          ],
          "loss": "bce"
        }
        """;

    /// <summary>The built-in base model for sequences of <paramref name="length"/> (≥ 16: two pools of 4).</summary>
    public static ModelSpec BuiltinBase(int length)
    {
        if (length < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "the built-in population model needs sequences of at least 16 nt");
        }

        return ModelSpecJson.Parse(BuiltinBaseJson, "builtin:" + BuiltinBaseName) with { InputLength = length, Source = "builtin:" + BuiltinBaseName };
    }

    /// <summary>
    /// <paramref name="spec"/> without batchnorm layers (unless <paramref name="batchNorm"/>) and with the first
    /// convolution's activation set to <paramref name="activation"/>: the convolution's own activation when it has
    /// one, otherwise the first activation layer after it (before the next layer with weights).
    /// </summary>
    /// <exception cref="ArgumentException">The spec has no convolution, or no activation follows the first one.</exception>
    public static ModelSpec Variant(ModelSpec spec, bool batchNorm, string activation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Activations.TryGetValue(activation, out var kind))
        {
            throw new ArgumentException($"unknown first-layer activation '{activation}' (expected one of {string.Join(", ", Activations.Keys)})");
        }

        var layers = spec.Layers.ToList();
        int conv = layers.FindIndex(l => l.Type == LayerType.Conv1d);
        if (conv < 0)
        {
            throw new ArgumentException($"{spec.Source}: no conv1d layer, so there is no first-layer activation to vary");
        }

        if (layers[conv].Activation != ActivationKind.Linear)
        {
            layers[conv] = layers[conv] with { Activation = kind };
        }
        else
        {
            int act = -1;
            for (int i = conv + 1; i < layers.Count; i++)
            {
                if (layers[i].Type == LayerType.Activation)
                {
                    act = i;
                    break;
                }

                if (layers[i].HasParameters && layers[i].Type != LayerType.BatchNorm)
                {
                    break;
                }
            }

            if (act < 0)
            {
                throw new ArgumentException($"{spec.Source}: the first conv1d (layers[{conv}]) has no activation, and no activation layer follows it");
            }

            layers[act] = layers[act] with { Activation = kind };
        }

        if (!batchNorm)
        {
            layers = WithoutBatchNorm(layers);
        }

        return spec with { Layers = layers };
    }

    private static List<LayerSpec> WithoutBatchNorm(IEnumerable<LayerSpec> layers) =>
        layers.Where(l => l.Type != LayerType.BatchNorm)
            .Select(l => l.Type == LayerType.Residual ? l with { Layers = WithoutBatchNorm(l.Layers) } : l)
            .ToList();
}
