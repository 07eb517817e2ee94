using System.Text.Json.Serialization;

namespace Motiflens.Search.Evaluation;

/// <summary>What evaluating a child measured: validation loss L, knowledge dissimilarity K, optional multi-scale KLD, other metrics.</summary>
public sealed record ChildMeasurement(
    [property: JsonPropertyName("loss")] double Loss,
    [property: JsonPropertyName("knowledge")] double Knowledge,
    [property: JsonPropertyName("kld")] double? Kld,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double> Metrics);
