using System.Numerics.Tensors;

namespace Motiflens.Engine.Recurrent;

/// <summary>
/// A long short-term memory cell on plain float64 arrays with explicit forward and backward passes,
/// small enough for the architecture-search controller (a few steps, tens of units) where a tape
/// would cost more than the arithmetic.
/// </summary>
/// <remarks>
/// PyTorch equivalent: <c>torch.nn.LSTMCell(input_size, hidden_size)</c>, gate order i, f, g, o:
/// <c>gates = W_ih·x + W_hh·h + b</c>; <c>i, f, o = σ(·)</c>, <c>g = tanh(·)</c>;
/// <c>c' = f⊙c + i⊙g</c>; <c>h' = o⊙tanh(c')</c>. PyTorch's two biases are folded into one
/// (<see cref="Bias"/> = <c>bias_ih + bias_hh</c>). Initialisation is PyTorch's: every parameter
/// uniform in ±1/√H.
/// Gradients accumulate into the <c>*Grad</c> arrays across steps and calls until <see cref="ZeroGrad"/>.
/// </remarks>
public sealed class LstmCell
{
    /// <summary>Creates a cell with PyTorch's initialisation drawn from <paramref name="random"/>.</summary>
    public LstmCell(int inputSize, int hiddenSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentNullException.ThrowIfNull(random);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightIh = new double[4 * hiddenSize * inputSize];
        WeightHh = new double[4 * hiddenSize * hiddenSize];
        Bias = new double[4 * hiddenSize];
        WeightIhGrad = new double[WeightIh.Length];
        WeightHhGrad = new double[WeightHh.Length];
        BiasGrad = new double[Bias.Length];
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        foreach (var p in new[] { WeightIh, WeightHh, Bias })
        {
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = (2 * random.NextDouble() - 1) * bound;
            }
        }
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    /// <summary>Input-to-gates weights, (4·H, I) row-major.</summary>
    public double[] WeightIh { get; }

    /// <summary>Hidden-to-gates weights, (4·H, H) row-major.</summary>
    public double[] WeightHh { get; }

    /// <summary>Gate bias, (4·H).</summary>
    public double[] Bias { get; }

    public double[] WeightIhGrad { get; }

    public double[] WeightHhGrad { get; }

    public double[] BiasGrad { get; }

    /// <summary>The parameter arrays in a fixed order (for optimisers and serialisation).</summary>
    public IReadOnlyList<double[]> Parameters => [WeightIh, WeightHh, Bias];

    /// <summary>The gradient arrays, in the order of <see cref="Parameters"/>.</summary>
    public IReadOnlyList<double[]> Gradients => [WeightIhGrad, WeightHhGrad, BiasGrad];

    public void ZeroGrad()
    {
        Array.Clear(WeightIhGrad);
        Array.Clear(WeightHhGrad);
        Array.Clear(BiasGrad);
    }

    /// <summary>One step: input <paramref name="x"/> (I) from state <paramref name="previous"/> (H, H).</summary>
    public LstmStep Forward(ReadOnlySpan<double> x, LstmState previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (x.Length != InputSize || previous.H.Length != HiddenSize || previous.C.Length != HiddenSize)
        {
            throw new ArgumentException(
                $"LSTM step expects x of length {InputSize} and state of length {HiddenSize}; got {x.Length}, {previous.H.Length}, {previous.C.Length}");
        }

        int hs = HiddenSize;
        int ins = InputSize;
        var gates = new double[4 * hs];
        for (int r = 0; r < 4 * hs; r++)
        {
            double s = Bias[r]
                + TensorPrimitives.Dot(WeightIh.AsSpan(r * ins, ins), x)
                + TensorPrimitives.Dot(WeightHh.AsSpan(r * hs, hs), previous.H);

            // Rows [2H, 3H) are the cell candidate g (tanh); the others are sigmoid gates.
            gates[r] = r >= 2 * hs && r < 3 * hs ? Math.Tanh(s) : Sigmoid(s);
        }

        var c = new double[hs];
        var h = new double[hs];
        var tanhC = new double[hs];
        for (int j = 0; j < hs; j++)
        {
            double i = gates[j], f = gates[hs + j], g = gates[2 * hs + j], o = gates[3 * hs + j];
            c[j] = f * previous.C[j] + i * g;
            tanhC[j] = Math.Tanh(c[j]);
            h[j] = o * tanhC[j];
        }

        return new LstmStep(x.ToArray(), previous, gates, new LstmState(h, c), tanhC);
    }

    /// <summary>
    /// Back-propagates one step. <paramref name="dh"/> and <paramref name="dc"/> (H) are the loss gradients with
    /// respect to this step's output state (dc includes what flows back from the next step); parameter
    /// gradients are accumulated; <paramref name="dx"/> (I) receives the input gradient. Returns the gradient
    /// with respect to the previous state.
    /// </summary>
    public LstmState Backward(LstmStep step, ReadOnlySpan<double> dh, ReadOnlySpan<double> dc, Span<double> dx)
    {
        ArgumentNullException.ThrowIfNull(step);
        int hs = HiddenSize;
        int ins = InputSize;
        if (dh.Length != hs || dc.Length != hs || dx.Length != ins)
        {
            throw new ArgumentException($"LSTM backward expects dh, dc of length {hs} and dx of length {ins}");
        }

        var gates = step.Gates;
        var dPre = new double[4 * hs];
        var dcPrev = new double[hs];
        for (int j = 0; j < hs; j++)
        {
            double i = gates[j], f = gates[hs + j], g = gates[2 * hs + j], o = gates[3 * hs + j];
            double t = step.TanhC[j];
            double dcTotal = dc[j] + dh[j] * o * (1 - t * t);
            double dO = dh[j] * t;
            double dI = dcTotal * g;
            double dF = dcTotal * step.Previous.C[j];
            double dG = dcTotal * i;
            dcPrev[j] = dcTotal * f;
            dPre[j] = dI * i * (1 - i);
            dPre[hs + j] = dF * f * (1 - f);
            dPre[2 * hs + j] = dG * (1 - g * g);
            dPre[3 * hs + j] = dO * o * (1 - o);
        }

        dx.Clear();
        var dhPrev = new double[hs];
        for (int r = 0; r < 4 * hs; r++)
        {
            double d = dPre[r];
            if (d == 0)
            {
                continue;
            }

            BiasGrad[r] += d;
            var gwi = WeightIhGrad.AsSpan(r * ins, ins);
            TensorPrimitives.MultiplyAdd(step.X, d, gwi, gwi);
            TensorPrimitives.MultiplyAdd(WeightIh.AsSpan(r * ins, ins), d, dx, dx);
            var gwh = WeightHhGrad.AsSpan(r * hs, hs);
            TensorPrimitives.MultiplyAdd(step.Previous.H, d, gwh, gwh);
            TensorPrimitives.MultiplyAdd(WeightHh.AsSpan(r * hs, hs), d, dhPrev, dhPrev);
        }

        return new LstmState(dhPrev, dcPrev);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
