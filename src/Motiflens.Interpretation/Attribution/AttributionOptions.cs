namespace Motiflens.Interpretation.Attribution;

/// <summary>How <see cref="AttributionRunner"/> runs a method.</summary>
/// <param name="Output">The model output (task index) to explain.</param>
/// <param name="BatchSize">Sequences per batch (memory grows with it; results do not depend on it).</param>
/// <param name="Correct">Apply gradient correction (subtract each position's channel mean) to the maps.</param>
public sealed record AttributionOptions(int Output = 0, int BatchSize = 64, bool Correct = false)
{
    /// <summary>The defaults: output 0, batches of 64, no correction.</summary>
    public static AttributionOptions Default { get; } = new();
}
