using Motiflens.Engine.Training;

namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens train</c> for a regression model: the model directory written, the epochs run,
/// the best epoch and its validation loss, then the metrics.json keys on the evaluated split (undefined values are null).
/// </summary>
internal sealed record TrainRegressionResult(
    string Out,
    int EpochsRun,
    int BestEpoch,
    bool StoppedEarly,
    double? ValLoss,
    string Split,
    double? Loss,
    int Count,
    double? Pearson,
    double? Spearman,
    IReadOnlyList<double?> PearsonPerTask,
    IReadOnlyList<double?> SpearmanPerTask)
{
    /// <summary>The result of a run that wrote <paramref name="outDir"/> and scored <paramref name="metrics"/> on <paramref name="split"/>.</summary>
    public static TrainRegressionResult From(string outDir, TrainingResult run, double validationLoss, string split, EvaluationResult metrics) => new(
        outDir,
        run.History.Count,
        run.BestEpoch,
        run.StoppedEarly,
        JsonNumbers.Finite(validationLoss),
        split,
        JsonNumbers.Finite(metrics.Loss),
        metrics.Count,
        JsonNumbers.Finite(metrics.Pearson),
        JsonNumbers.Finite(metrics.Spearman),
        JsonNumbers.Finite(metrics.PearsonPerTask),
        JsonNumbers.Finite(metrics.SpearmanPerTask));
}
