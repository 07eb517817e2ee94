using Motiflens.Engine.Training;

namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens evaluate</c> for a classification model: the keys of metrics.json
/// (undefined metrics are null) plus the split and the model directory.
/// </summary>
internal sealed record EvaluateClassificationResult(
    double? Loss,
    int Count,
    double? Auroc,
    double? Aupr,
    double? Accuracy,
    IReadOnlyList<double?> AurocPerTask,
    IReadOnlyList<double?> AuprPerTask,
    IReadOnlyList<double?> AccuracyPerTask,
    string Split,
    string Model)
{
    /// <summary>The result of <paramref name="metrics"/> on <paramref name="split"/> of the model in <paramref name="model"/>.</summary>
    public static EvaluateClassificationResult From(EvaluationResult metrics, string split, string model) => new(
        JsonNumbers.Finite(metrics.Loss),
        metrics.Count,
        JsonNumbers.Finite(metrics.Auroc),
        JsonNumbers.Finite(metrics.Aupr),
        JsonNumbers.Finite(metrics.Accuracy),
        JsonNumbers.Finite(metrics.AurocPerTask),
        JsonNumbers.Finite(metrics.AuprPerTask),
        JsonNumbers.Finite(metrics.AccuracyPerTask),
        split,
        model);
}
