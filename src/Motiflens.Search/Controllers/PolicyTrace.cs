using Motiflens.Engine.Recurrent;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Controllers;

/// <summary>One pass of the <see cref="ControllerPolicy"/> over the layers: choices, per-step probabilities, and what BPTT needs.</summary>
public sealed class PolicyTrace
{
    internal PolicyTrace(int[] tokens, double[][] probabilities, LstmStep[] steps)
    {
        Tokens = tokens;
        Probabilities = probabilities;
        Steps = steps;
    }

    internal int[] Tokens { get; }

    internal LstmStep[] Steps { get; }

    /// <summary>The chosen architecture.</summary>
    public Architecture Architecture => new(Tokens);

    /// <summary>Per layer, the choice probabilities given the earlier choices of this pass.</summary>
    public IReadOnlyList<double[]> Probabilities { get; }

    /// <summary>log π(architecture) = Σ_t log p_t(token_t).</summary>
    public double LogProbability
    {
        get
        {
            double s = 0;
            for (int t = 0; t < Tokens.Length; t++)
            {
                s += Math.Log(Math.Max(Probabilities[t][Tokens[t]], 1e-300));
            }

            return s;
        }
    }

    /// <summary>Σ_t entropy of step t's distribution (nats).</summary>
    public double Entropy
    {
        get
        {
            double s = 0;
            foreach (var p in Probabilities)
            {
                foreach (var q in p)
                {
                    if (q > 0)
                    {
                        s -= q * Math.Log(q);
                    }
                }
            }

            return s;
        }
    }
}
