namespace Motiflens.Engine.Spec;

/// <summary>Element-wise activations. <see cref="Softmax"/> (over the outputs) is allowed only as the output link.</summary>
public enum ActivationKind
{
    Linear,
    Relu,
    Exponential,
    Sigmoid,
    Softplus,
    Tanh,
    Softmax,
}
