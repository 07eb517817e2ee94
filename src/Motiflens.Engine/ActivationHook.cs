namespace Motiflens.Engine;

/// <summary>
/// A differentiable transform of the activations between two layers of a <see cref="Model"/> (see
/// <see cref="Model.Hook"/>): training-time regularisers such as manifold mixup and hidden-layer noise.
/// </summary>
/// <remarks>
/// The model calls <see cref="Forward"/> on the activation h (N, layer i's input shape...) entering layer i,
/// for every i ≥ 1 with <see cref="AppliesBefore"/>(i) true, and feeds the returned tensor to layer i; the pass is
/// taped, so <see cref="Backward"/> is called in reverse order with dLoss/dh' and must return dLoss/dh.
/// The model input (i = 0) is never passed through the hook: the caller owns it. Returned tensors are owned by the
/// hook and must not alias h (the previous layer may need its output for its own backward).
/// </remarks>
public abstract class ActivationHook
{
    /// <summary>True when the activation entering layer <paramref name="layerIndex"/> (≥ 1) is transformed.</summary>
    public abstract bool AppliesBefore(int layerIndex);

    /// <summary>h' = f(h) for the activation entering layer <paramref name="layerIndex"/>; h is not modified.</summary>
    public abstract Tensor Forward(int layerIndex, Tensor h);

    /// <summary>dLoss/dh from dLoss/dh' (<paramref name="gradient"/> may be overwritten in place) for the last <see cref="Forward"/> at that layer.</summary>
    public abstract Tensor Backward(int layerIndex, Tensor gradient);
}
