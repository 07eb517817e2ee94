using System.Text.Json.Serialization;

namespace Motiflens.Search.Benchmark;

/// <summary>
/// One architecture the replay runs converged to: its layer strings and tokens, the fraction of runs that ended on
/// it, and its median L and K over the recorded replicates (null when it was never recorded).
/// </summary>
public sealed record ConvergedArchitecture(
    [property: JsonPropertyName("layers")] IReadOnlyList<string> Layers,
    [property: JsonPropertyName("tokens")] IReadOnlyList<int> Tokens,
    [property: JsonPropertyName("fraction")] double Fraction,
    [property: JsonPropertyName("median_loss")] double? MedianLoss,
    [property: JsonPropertyName("median_k")] double? MedianK);
