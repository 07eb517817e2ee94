using Motiflens.Engine;

namespace Motiflens.Interpretation.Attribution;

/// <summary>Gradient × input: ∂f/∂x ⊙ x, i.e. the gradient at the observed base and 0 elsewhere (0 at N).</summary>
public sealed class GradientTimesInput : IAttributionMethod
{
    /// <inheritdoc />
    public void Attribute(Model model, AttributionBatch batch, int output, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(batch);
        new Saliency().Attribute(model, batch, output, destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] *= batch.OneHot[i];
        }
    }
}
