namespace Motiflens.Engine;

/// <summary>Element-wise activation functions (usable fused into Conv1d/Dense or as an <see cref="Layers.ActivationLayer"/>).</summary>
public enum Activation
{
    /// <summary>f(x) = x.</summary>
    Identity,

    /// <summary>f(x) = max(x, 0) (torch.nn.ReLU).</summary>
    Relu,

    /// <summary>f(x) = exp(x).</summary>
    Exponential,

    /// <summary>f(x) = 1 / (1 + exp(−x)) (torch.nn.Sigmoid).</summary>
    Sigmoid,

    /// <summary>f(x) = log(1 + exp(x)), and x above 20 as torch.nn.Softplus.</summary>
    Softplus,

    /// <summary>f(x) = tanh(x) (torch.nn.Tanh).</summary>
    Tanh,
}
