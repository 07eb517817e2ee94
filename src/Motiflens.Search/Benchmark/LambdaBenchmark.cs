using System.Text.Json.Serialization;

namespace Motiflens.Search.Benchmark;

/// <summary>
/// Replay results for one λ: the gold standard (minimum of median L + λ·median K over the recorded
/// architectures), the fraction of runs whose converged architecture equals it, and the mean ranks (1 = lowest,
/// ties averaged) of the converged architectures' median L and median K among all recorded architectures.
/// <see cref="TopConverged"/> lists the most frequent converged architectures (most frequent first), which shows
/// where the runs that missed the gold standard went.
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
    [property: JsonPropertyName("top_converged")] IReadOnlyList<ConvergedArchitecture> TopConverged);
