using Motiflens.Search.Spaces;

namespace Motiflens.Search.Analysis;

/// <summary>A finished run measured against masked motifs.</summary>
/// <param name="Children">Every successfully trained child with its masked K, in trial order.</param>
/// <param name="Recorded">Number of records in the history (failed ones included).</param>
/// <param name="Skipped">Ok children that could not be measured (no first-layer convolution), one line each.</param>
/// <param name="Converged">The controller's converged architecture (per-layer argmax) if the run kept controller.json; null for a grid.</param>
public sealed record MaskedRun(IReadOnlyList<MaskedChild> Children, int Recorded, IReadOnlyList<string> Skipped, Architecture? Converged);
