using System.Text.Json.Serialization;

namespace Motiflens.Search.Benchmark;

/// <summary>
/// Replay results for one λ: the gold standard (minimum of median L + λ·median K over the recorded
/// architectures), the fraction of runs whose converged architecture equals it, and the mean ranks (1 = lowest,
/// ties averaged) of the converged architectures' median L and median K among all recorded architectures.
/// <see cref="TopConverged"/> lists the most frequent converged architectures (most frequent first), which shows
/// where the runs that missed the gold standard went. <see cref="GoldStandardSupport"/> is the fraction of bootstrap
/// resamples of every architecture's replicates that give the same gold standard: how well the recorded replicates
/// determine it (near 1: clearly the best; near 0.5 or below: tied with another architecture within replicate noise,
/// so no search can be expected to single it out).
/// </summary>
public sealed record LambdaBenchmark(
    [property: JsonPropertyName("lambda")] double Lambda,
    [property: JsonPropertyName("gold_standard")] IReadOnlyList<string> GoldStandard,
    [property: JsonPropertyName("gold_standard_tokens")] IReadOnlyList<int> GoldStandardTokens,
    [property: JsonPropertyName("converged_fraction")] double ConvergedFraction,
    [property: JsonPropertyName("mean_loss_rank")] double MeanLossRank,
    [property: JsonPropertyName("mean_k_rank")] double MeanKRank,
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("architectures")] int Architectures,
    [property: JsonPropertyName("top_converged")] IReadOnlyList<ConvergedArchitecture> TopConverged,
    [property: JsonPropertyName("gold_standard_support")] double? GoldStandardSupport);
