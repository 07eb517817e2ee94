namespace Motiflens.Engine.Training;

/// <summary>A progress report of a <see cref="Trainer"/>, sent after every batch and after each epoch's validation.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Maximum number of epochs.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Running mean training loss of this epoch.</param>
/// <param name="Validation">The epoch's validation result once known (end of epoch), else null.</param>
/// <param name="Eta">Estimated time to finish all epochs (early stopping may end sooner).</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, EvaluationResult? Validation, TimeSpan Eta)
{
    /// <summary>Fraction of the maximum work done, in [0, 1].</summary>
    public double Fraction => Epochs * Batches == 0 ? 1 : (((Epoch - 1) * (double)Batches) + Batch) / ((double)Epochs * Batches);
}
