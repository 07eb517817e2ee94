namespace Motiflens.Engine.Training;

/// <summary>
/// Loss and metrics of a model on one dataset. Classification (bce / categorical cross-entropy) fills
/// AUROC, AUPR and accuracy; regression (mse / poisson) fills Pearson and Spearman; the others are NaN.
/// Multitask values are the mean over tasks whose metric is defined; the per-task arrays have T entries.
/// </summary>
public sealed record EvaluationResult
{
    /// <summary>Mean loss per sample and task, as optimised (without L1/L2 penalties).</summary>
    public required double Loss { get; init; }

    public double Auroc { get; init; } = double.NaN;

    public double Aupr { get; init; } = double.NaN;

    public double Accuracy { get; init; } = double.NaN;

    public double Pearson { get; init; } = double.NaN;

    public double Spearman { get; init; } = double.NaN;

    public IReadOnlyList<double> AurocPerTask { get; init; } = [];

    public IReadOnlyList<double> AuprPerTask { get; init; } = [];

    public IReadOnlyList<double> AccuracyPerTask { get; init; } = [];

    public IReadOnlyList<double> PearsonPerTask { get; init; } = [];

    public IReadOnlyList<double> SpearmanPerTask { get; init; } = [];

    /// <summary>Number of samples evaluated.</summary>
    public int Count { get; init; }

    /// <summary>Whether the metrics are the classification ones.</summary>
    public bool IsClassification { get; init; }
}
