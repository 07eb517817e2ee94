namespace Motiflens.Engine.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="History">One record per epoch run.</param>
/// <param name="BestEpoch">The epoch whose weights the model holds at the end (the best validation loss when restored, else the last).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run before the maximum number of epochs.</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, int BestEpoch, bool StoppedEarly);
