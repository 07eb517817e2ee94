using System.Numerics.Tensors;
using Motiflens.Engine.Recurrent;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Controllers;

/// <summary>
/// The controller's policy network: an LSTM that emits one categorical choice per searchable layer. Step t is fed
/// the embedding of the choice made at step t−1 (a learned start vector at t = 0); a per-layer linear head maps
/// the hidden state to that layer's logits. Parameters are float64 arrays; gradients accumulate until
/// <see cref="ZeroGrad"/>.
/// </summary>
public sealed class ControllerPolicy
{
    private readonly LstmCell _cell;

    /// <summary>Creates a policy for layers with <paramref name="optionCounts"/> options, initialised from <paramref name="random"/>.</summary>
    public ControllerPolicy(IReadOnlyList<int> optionCounts, ControllerOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(optionCounts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        if (optionCounts.Count == 0 || optionCounts.Any(n => n < 1))
        {
            throw new ArgumentException("every layer needs at least one option", nameof(optionCounts));
        }

        OptionCounts = optionCounts.ToArray();
        Hidden = options.LstmUnits;
        EmbeddingSize = options.EmbeddingSize;
        _cell = new LstmCell(EmbeddingSize, Hidden, random);
        Start = Uniform(EmbeddingSize, 1.0, random);

        // The last layer's choice feeds no further step, so it has no embedding table.
        Embeddings = OptionCounts.Take(OptionCounts.Count - 1).Select(n => Uniform(n * EmbeddingSize, 1.0, random)).ToArray();
        HeadWeights = OptionCounts.Select(n => Uniform(n * Hidden, options.HeadInitScale, random)).ToArray();
        HeadBiases = OptionCounts.Select(n => new double[n]).ToArray();
        Parameters = [.. _cell.Parameters, Start, .. Embeddings, .. HeadWeights, .. HeadBiases];
        Gradients = Parameters.Select(p => p == _cell.WeightIh ? _cell.WeightIhGrad : p == _cell.WeightHh ? _cell.WeightHhGrad : p == _cell.Bias ? _cell.BiasGrad : new double[p.Length]).ToArray();
    }

    public IReadOnlyList<int> OptionCounts { get; }

    public int Hidden { get; }

    public int EmbeddingSize { get; }

    /// <summary>Learned input of the first step, (E).</summary>
    internal double[] Start { get; }

    /// <summary>Per layer t &lt; T−1: embedding table of its choices, (n_t, E).</summary>
    internal double[][] Embeddings { get; }

    /// <summary>Per layer: head weights (n_t, H).</summary>
    internal double[][] HeadWeights { get; }

    /// <summary>Per layer: head bias (n_t).</summary>
    internal double[][] HeadBiases { get; }

    /// <summary>Every parameter array in a fixed order (LSTM W_ih, W_hh, b; start; embeddings; head weights; head biases).</summary>
    public IReadOnlyList<double[]> Parameters { get; }

    /// <summary>Gradient arrays in the order of <see cref="Parameters"/>.</summary>
    public IReadOnlyList<double[]> Gradients { get; }

    public void ZeroGrad()
    {
        foreach (var g in Gradients)
        {
            Array.Clear(g);
        }
    }

    /// <summary>Samples an architecture from the policy.</summary>
    public PolicyTrace Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Run((_, p) => Categorical(p, random));
    }

    /// <summary>The converged architecture: the most probable choice at every step (ties to the lowest index).</summary>
    public PolicyTrace Greedy() => Run((_, p) => ArgMax(p));

    /// <summary>Re-runs the policy on a given architecture (teacher forcing), for its probabilities and gradients.</summary>
    public PolicyTrace Evaluate(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (architecture.Count != OptionCounts.Count)
        {
            throw new ArgumentException($"expected {OptionCounts.Count} tokens, found {architecture.Count}");
        }

        return Run((t, _) => architecture[t]);
    }

    /// <summary>
    /// Back-propagates loss gradients with respect to each step's logits (<paramref name="logitGradients"/>[t], length
    /// n_t) through the heads, the LSTM (BPTT) and the embeddings; accumulates into <see cref="Gradients"/>.
    /// </summary>
    public void Backward(PolicyTrace trace, IReadOnlyList<double[]> logitGradients)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(logitGradients);
        int steps = OptionCounts.Count;
        int nCell = _cell.Parameters.Count;
        var startGrad = Gradients[nCell];
        var embGrad = Gradients.Skip(nCell + 1).Take(steps - 1).ToArray();
        var headWGrad = Gradients.Skip(nCell + steps).Take(steps).ToArray();
        var headBGrad = Gradients.Skip(nCell + 2 * steps).Take(steps).ToArray();
        var dhNext = new double[Hidden];
        var dcNext = new double[Hidden];
        var dx = new double[EmbeddingSize];
        for (int t = steps - 1; t >= 0; t--)
        {
            var step = trace.Steps[t];
            var dz = logitGradients[t];
            int n = OptionCounts[t];
            var dh = (double[])dhNext.Clone();
            var w = HeadWeights[t];
            for (int k = 0; k < n; k++)
            {
                double g = dz[k];
                if (g == 0)
                {
                    continue;
                }

                headBGrad[t][k] += g;
                var gw = headWGrad[t].AsSpan(k * Hidden, Hidden);
                TensorPrimitives.MultiplyAdd(step.Next.H, g, gw, gw);
                TensorPrimitives.MultiplyAdd(w.AsSpan(k * Hidden, Hidden), g, dh, dh);
            }

            var back = _cell.Backward(step, dh, dcNext, dx);
            dhNext = back.H;
            dcNext = back.C;
            var target = t == 0 ? startGrad.AsSpan() : embGrad[t - 1].AsSpan(trace.Tokens[t - 1] * EmbeddingSize, EmbeddingSize);
            for (int e = 0; e < EmbeddingSize; e++)
            {
                target[e] += dx[e];
            }
        }
    }

    /// <summary>Global L2 norm of the accumulated gradients.</summary>
    public double GradientNorm()
    {
        double s = 0;
        foreach (var g in Gradients)
        {
            foreach (var v in g)
            {
                s += v * v;
            }
        }

        return Math.Sqrt(s);
    }

    private PolicyTrace Run(Func<int, double[], int> choose)
    {
        int steps = OptionCounts.Count;
        var tokens = new int[steps];
        var probs = new double[steps][];
        var lstmSteps = new LstmStep[steps];
        var state = LstmState.Zero(Hidden);
        ReadOnlySpan<double> x = Start;
        for (int t = 0; t < steps; t++)
        {
            var step = _cell.Forward(x, state);
            lstmSteps[t] = step;
            state = step.Next;
            int n = OptionCounts[t];
            var logits = new double[n];
            for (int k = 0; k < n; k++)
            {
                logits[k] = HeadBiases[t][k] + TensorPrimitives.Dot(HeadWeights[t].AsSpan(k * Hidden, Hidden), state.H);
            }

            probs[t] = Softmax(logits);
            int choice = choose(t, probs[t]);
            if (choice < 0 || choice >= n)
            {
                throw new ArgumentException($"token {choice} out of range for layer {t + 1} with {n} options");
            }

            tokens[t] = choice;
            if (t < steps - 1)
            {
                x = Embeddings[t].AsSpan(choice * EmbeddingSize, EmbeddingSize);
            }
        }

        return new PolicyTrace(tokens, probs, lstmSteps);
    }

    internal static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        var p = new double[logits.Length];
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = Math.Exp(logits[i] - max);
            sum += p[i];
        }

        for (int i = 0; i < p.Length; i++)
        {
            p[i] /= sum;
        }

        return p;
    }

    private static int Categorical(double[] p, Random random)
    {
        double u = random.NextDouble();
        double acc = 0;
        for (int i = 0; i < p.Length; i++)
        {
            acc += p[i];
            if (u < acc)
            {
                return i;
            }
        }

        return p.Length - 1;
    }

    private static int ArgMax(double[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++)
        {
            if (p[i] > p[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static double[] Uniform(int n, double scale, Random random)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (2 * random.NextDouble() - 1) * scale;
        }

        return a;
    }
}
