namespace Motiflens.Engine.Losses;

/// <summary>A loss on logits with its gradient. Reductions run in a fixed order in double precision.</summary>
public interface ILoss
{
    /// <summary>
    /// Computes the loss of <paramref name="logits"/> (N, T) against <paramref name="targets"/> (same shape) and,
    /// when <paramref name="gradient"/> is given (same shape), writes dLoss/dLogits into it.
    /// <paramref name="mask"/> (same shape, optional): only elements with a non-zero mask count; the mean is over counted elements.
    /// </summary>
    /// <returns>The mean loss (0 when nothing counts).</returns>
    float Compute(Tensor logits, Tensor targets, Tensor? gradient = null, Tensor? mask = null);
}
