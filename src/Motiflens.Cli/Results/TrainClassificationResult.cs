using Motiflens.Engine.Training;

namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens train</c> for a classification model: the model directory written, the epochs run,
/// the best epoch and its validation loss, then the metrics.json keys on the evaluated split (undefined values are null).
/// </summary>
internal sealed record TrainClassificationResult(
    string Out,
    int EpochsRun,
    int BestEpoch,
    bool StoppedEarly,
    double? ValLoss,
    string Split,
    double? Loss,
    int Count,
    double? Auroc,
    double? Aupr,
    double? Accuracy,
    IReadOnlyList<double?> AurocPerTask,
    IReadOnlyList<double?> AuprPerTask,
    IReadOnlyList<double?> AccuracyPerTask)
{
    /// <summary>The result of a run that wrote <paramref name="outDir"/> and scored <paramref name="metrics"/> on <paramref name="split"/>.</summary>
    public static TrainClassificationResult From(string outDir, TrainingResult run, double validationLoss, string split, EvaluationResult metrics) => new(
        outDir,
        run.History.Count,
        run.BestEpoch,
        run.StoppedEarly,
        JsonNumbers.Finite(validationLoss),
        split,
        JsonNumbers.Finite(metrics.Loss),
        metrics.Count,
        JsonNumbers.Finite(metrics.Auroc),
        JsonNumbers.Finite(metrics.Aupr),
        JsonNumbers.Finite(metrics.Accuracy),
        JsonNumbers.Finite(metrics.AurocPerTask),
        JsonNumbers.Finite(metrics.AuprPerTask),
        JsonNumbers.Finite(metrics.AccuracyPerTask));
}
