using Motiflens.Engine;

namespace Motiflens.Interpretation.Attribution;

/// <summary>An attribution method: maps (B, L, 4) for one output of a model on a batch of sequences.</summary>
public interface IAttributionMethod
{
    /// <summary>
    /// Writes attributions (B, L, 4) of output <paramref name="output"/> (a flat index within a sample's outputs,
    /// i.e. the task) for <paramref name="batch"/> into <paramref name="destination"/>. The model must be in
    /// evaluation mode (<c>Training = false</c>).
    /// </summary>
    void Attribute(Model model, AttributionBatch batch, int output, Span<float> destination);
}
