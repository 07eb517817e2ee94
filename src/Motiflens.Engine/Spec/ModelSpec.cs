namespace Motiflens.Engine.Spec;

/// <summary>
/// A model architecture as users write it in JSON (see docs/model-spec.md):
/// <c>{"input": {"length": 200, "alphabet": "ACGT"}, "layers": [...], "loss": "bce"}</c>.
/// The input is one-hot (N, <see cref="InputLength"/>, <see cref="InputChannels"/>); the output is (N, <see cref="Outputs"/>).
/// The last layer's activation is the output link: training works on the values before it (logits).
/// </summary>
public sealed record ModelSpec
{
    public required int InputLength { get; init; }

    /// <summary>The input alphabet; its length is the number of input channels (4 for "ACGT").</summary>
    public string Alphabet { get; init; } = "ACGT";

    public required IReadOnlyList<LayerSpec> Layers { get; init; }

    public LossKind Loss { get; init; } = LossKind.Bce;

    /// <summary>Optional names of the outputs (tasks), as many as <see cref="Outputs"/>.</summary>
    public IReadOnlyList<string>? OutputNames { get; init; }

    /// <summary>Where the spec came from (a file name or "builtin:deep"), used in error messages; not serialised.</summary>
    public string Source { get; init; } = "model spec";

    public int InputChannels => Alphabet.Length;

    /// <summary>The output link: the activation of the last layer (linear if it has none).</summary>
    public ActivationKind OutputLink => Layers.Count == 0 ? ActivationKind.Linear : Layers[^1].Activation;

    /// <summary>Number of outputs per sample (the flat size of the last layer's output).</summary>
    public int Outputs => ShapeInference.Infer(this)[^1].Size;

    /// <summary>
    /// A copy whose final dense / sfc layer produces <paramref name="outputs"/> units, for applying a built-in
    /// architecture to a dataset with another number of tasks.
    /// </summary>
    public ModelSpec WithOutputs(int outputs)
    {
        if (outputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "need at least one output");
        }

        for (int i = Layers.Count - 1; i >= 0; i--)
        {
            var layer = Layers[i];
            if (layer.Type == LayerType.Dense || layer.Type == LayerType.Sfc)
            {
                var layers = Layers.ToArray();
                layers[i] = layer with { Units = outputs };
                return this with { Layers = layers, OutputNames = null };
            }

            if (layer.Type != LayerType.Activation && layer.Type != LayerType.Dropout && layer.Type != LayerType.Flatten)
            {
                break;
            }
        }

        throw new InvalidOperationException($"{Source}: the model does not end in a dense or sfc layer, so its output count cannot be changed");
    }
}
