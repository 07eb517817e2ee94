namespace Motiflens.Engine.Training;

/// <summary>One line of a run's history (training.tsv).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="LearningRate">Learning rate used during the epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (train mode, before each step, penalties excluded).</param>
/// <param name="Validation">Validation loss and metrics after the epoch (eval mode), or null without validation data.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
public sealed record EpochRecord(int Epoch, double LearningRate, double TrainLoss, EvaluationResult? Validation, double Seconds);
