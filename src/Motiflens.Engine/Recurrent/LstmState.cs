namespace Motiflens.Engine.Recurrent;

/// <summary>The recurrent state of an LSTM: hidden <see cref="H"/> and cell <see cref="C"/>, both of length hidden size.</summary>
public sealed record LstmState(double[] H, double[] C)
{
    /// <summary>The all-zero state PyTorch uses when no initial state is given.</summary>
    public static LstmState Zero(int hiddenSize) => new(new double[hiddenSize], new double[hiddenSize]);
}
