using Motiflens.Engine.Recurrent;

namespace Motiflens.Engine.Tests.Recurrent;

public class LstmCellTests
{
    private const int Steps = 4;

    [Fact]
    public void Forward_MatchesHandComputedStepForOneUnit()
    {
        var cell = new LstmCell(1, 1, new Random(1));
        // Set gates by hand: pre-activations = w_ih·x + w_hh·h + b with x = 1, h = 0.
        double[] w = [0.5, -0.2, 0.3, 0.8];
        for (int r = 0; r < 4; r++)
        {
            cell.WeightIh[r] = w[r];
            cell.WeightHh[r] = 0.7;
            cell.Bias[r] = 0.1;
        }

        var step = cell.Forward([1.0], new LstmState([0.0], [0.4]));
        double i = 1 / (1 + Math.Exp(-0.6)), f = 1 / (1 + Math.Exp(0.1)), g = Math.Tanh(0.4), o = 1 / (1 + Math.Exp(-0.9));
        double c = f * 0.4 + i * g;
        Assert.Equal(c, step.Next.C[0], 12);
        Assert.Equal(o * Math.Tanh(c), step.Next.H[0], 12);
    }

    [Fact]
    public void Backward_BpttGradientsMatchFiniteDifferences()
    {
        var rng = new Random(7);
        const int inputSize = 3, hidden = 5;
        var cell = new LstmCell(inputSize, hidden, rng);
        var xs = new double[Steps][];
        for (int t = 0; t < Steps; t++)
        {
            xs[t] = Enumerable.Range(0, inputSize).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        }

        var h0 = Enumerable.Range(0, hidden).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var c0 = Enumerable.Range(0, hidden).Select(_ => rng.NextDouble() - 0.5).ToArray();
        // Loss = Σ_t a_t·h_t + b·c_T with fixed random weights, so every path through time matters.
        var a = new double[Steps][];
        for (int t = 0; t < Steps; t++)
        {
            a[t] = Enumerable.Range(0, hidden).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        }

        var b = Enumerable.Range(0, hidden).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

        double Loss()
        {
            var state = new LstmState((double[])h0.Clone(), (double[])c0.Clone());
            double loss = 0;
            for (int t = 0; t < Steps; t++)
            {
                var step = cell.Forward(xs[t], state);
                state = step.Next;
                for (int j = 0; j < hidden; j++)
                {
                    loss += a[t][j] * state.H[j];
                }
            }

            for (int j = 0; j < hidden; j++)
            {
                loss += b[j] * state.C[j];
            }

            return loss;
        }

        // Analytic gradients via BPTT.
        cell.ZeroGrad();
        var steps = new List<LstmStep>();
        var s = new LstmState(h0, c0);
        for (int t = 0; t < Steps; t++)
        {
            var step = cell.Forward(xs[t], s);
            steps.Add(step);
            s = step.Next;
        }

        var dxs = new double[Steps][];
        var dh = new double[hidden];
        var dc = (double[])b.Clone();
        LstmState back = new(dh, dc);
        for (int t = Steps - 1; t >= 0; t--)
        {
            var dhTotal = new double[hidden];
            for (int j = 0; j < hidden; j++)
            {
                dhTotal[j] = back.H[j] + a[t][j];
            }

            dxs[t] = new double[inputSize];
            back = cell.Backward(steps[t], dhTotal, back.C, dxs[t]);
        }

        const double eps = 1e-6;
        double MaxRelError(double[] values, double[] analytic)
        {
            double worst = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double keep = values[i];
                values[i] = keep + eps;
                double up = Loss();
                values[i] = keep - eps;
                double down = Loss();
                values[i] = keep;
                double numeric = (up - down) / (2 * eps);
                double err = Math.Abs(numeric - analytic[i]) / Math.Max(1e-6, Math.Abs(numeric) + Math.Abs(analytic[i]));
                worst = Math.Max(worst, err);
            }

            return worst;
        }

        Assert.True(MaxRelError(cell.WeightIh, cell.WeightIhGrad) < 1e-6);
        Assert.True(MaxRelError(cell.WeightHh, cell.WeightHhGrad) < 1e-6);
        Assert.True(MaxRelError(cell.Bias, cell.BiasGrad) < 1e-6);
        for (int t = 0; t < Steps; t++)
        {
            Assert.True(MaxRelError(xs[t], dxs[t]) < 1e-6, $"input gradient at step {t}");
        }

        Assert.True(MaxRelError(h0, back.H) < 1e-6, "initial hidden state gradient");
        Assert.True(MaxRelError(c0, back.C) < 1e-6, "initial cell state gradient");
    }

    [Fact]
    public void Constructor_InitialisesWithinPyTorchBound()
    {
        var cell = new LstmCell(8, 50, new Random(3));
        double bound = 1 / Math.Sqrt(50);
        Assert.All(cell.WeightIh, w => Assert.InRange(w, -bound, bound));
        Assert.All(cell.Bias, w => Assert.InRange(w, -bound, bound));
        Assert.Equal(4 * 50 * 8, cell.WeightIh.Length);
        Assert.Equal(4 * 50 * 50, cell.WeightHh.Length);
    }
}
