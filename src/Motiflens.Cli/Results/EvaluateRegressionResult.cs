using Motiflens.Engine.Training;

namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens evaluate</c> for a regression model: the keys of metrics.json
/// (undefined metrics are null) plus the split and the model directory.
/// </summary>
internal sealed record EvaluateRegressionResult(
    double? Loss,
    int Count,
    double? Pearson,
    double? Spearman,
    IReadOnlyList<double?> PearsonPerTask,
    IReadOnlyList<double?> SpearmanPerTask,
    string Split,
    string Model)
{
    /// <summary>The result of <paramref name="metrics"/> on <paramref name="split"/> of the model in <paramref name="model"/>.</summary>
    public static EvaluateRegressionResult From(EvaluationResult metrics, string split, string model) => new(
        JsonNumbers.Finite(metrics.Loss),
        metrics.Count,
        JsonNumbers.Finite(metrics.Pearson),
        JsonNumbers.Finite(metrics.Spearman),
        JsonNumbers.Finite(metrics.PearsonPerTask),
        JsonNumbers.Finite(metrics.SpearmanPerTask),
        split,
        model);
}
