using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec;

/// <summary>
/// Turns a <see cref="ModelSpec"/> into a runnable engine <see cref="Model"/> whose layer i is spec layer i
/// (so state-dict keys <c>layers.{i}.*</c> follow the spec). The output link (the last layer's activation)
/// is left out: the model computes logits and <see cref="ModelSpec.OutputLink"/> is applied outside.
/// </summary>
public static class ModelBuilder
{
    /// <summary>Builds and initialises the model (weights from <paramref name="seed"/>) for one-hot input (N, L, C).</summary>
    public static Model Build(ModelSpec spec, int seed, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ShapeInference.Infer(spec);
        var layers = new List<Layer>(spec.Layers.Count);
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            bool last = i == spec.Layers.Count - 1;
            layers.Add(Create(spec.Layers[i], stripActivation: last));
        }

        return new Model(spec.InputLength, spec.InputChannels, layers, seed, threads);
    }

    private static Layer Create(LayerSpec l, bool stripActivation = false)
    {
        var act = stripActivation ? Activation.Identity : Map(l.Activation);
        return l.Type.Create(l, new LayerFactoryContext(act, inner => Create(inner)));
    }

    private static Activation Map(ActivationKind a) => a switch
    {
        ActivationKind.Linear => Activation.Identity,
        ActivationKind.Relu => Activation.Relu,
        ActivationKind.Exponential => Activation.Exponential,
        ActivationKind.Sigmoid => Activation.Sigmoid,
        ActivationKind.Softplus => Activation.Softplus,
        ActivationKind.Tanh => Activation.Tanh,
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, "softmax is only an output link"),
    };
}
