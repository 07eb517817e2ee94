namespace Motiflens.Engine.Recurrent;

/// <summary>
/// One forward step of an <see cref="LstmCell"/>: the new state plus everything the backward pass needs.
/// Keep the steps of a sequence and call <see cref="LstmCell.Backward"/> on them in reverse order (BPTT).
/// </summary>
public sealed class LstmStep
{
    internal LstmStep(double[] x, LstmState previous, double[] gates, LstmState next, double[] tanhC)
    {
        X = x;
        Previous = previous;
        Gates = gates;
        Next = next;
        TanhC = tanhC;
    }

    /// <summary>The input of this step, length input size.</summary>
    public double[] X { get; }

    /// <summary>The state this step started from.</summary>
    public LstmState Previous { get; }

    /// <summary>Activated gates, length 4·H, in PyTorch order: input i, forget f, cell candidate g, output o.</summary>
    public double[] Gates { get; }

    /// <summary>The state this step produced.</summary>
    public LstmState Next { get; }

    /// <summary>tanh of the new cell state (kept for the backward pass), length H.</summary>
    public double[] TanhC { get; }
}
