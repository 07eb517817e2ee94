using Motiflens.Engine;

namespace Motiflens.Interpretation.Attribution;

/// <summary>Saliency: the raw input gradient ∂f/∂x at the one-hot input (all four channels of every position).</summary>
public sealed class Saliency : IAttributionMethod
{
    /// <inheritdoc />
    public void Attribute(Model model, AttributionBatch batch, int output, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        destination.Clear();
        ModelCalls.AddGradient(model, batch.OneHot, batch.Count, batch.Length, output, 1f, destination);
    }
}
