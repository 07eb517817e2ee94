using System.Text.Json.Serialization;

namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens calibrate</c>: the weights file written, the calibrated length weights with their
/// spread and R², the held-out Spearman correlations with SNR, the model counts, each robustness trial and the matched
/// pairs. Maps are keyed by k-mer length; undefined correlations are null.
/// </summary>
internal sealed record CalibrateResult(
    string Out,
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlyDictionary<string, double> WeightsSd,
    [property: JsonPropertyName("r_squared")] IReadOnlyDictionary<string, double> RSquared,
    double? SpearmanOriginal,
    double? SpearmanMultiscale,
    IReadOnlyDictionary<string, double?> SpearmanWeighted,
    int ModelsUsed,
    int ModelsPassed,
    int ModelsTotal,
    double MinAuroc,
    IReadOnlyList<CalibrationTrialJson> Trials,
    IReadOnlyList<MatchedPairJson> MatchedPairs);
