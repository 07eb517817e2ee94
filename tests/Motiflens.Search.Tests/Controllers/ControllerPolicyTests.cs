using Motiflens.Search.Controllers;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Controllers;

public class ControllerPolicyTests
{
    [Fact]
    public void InitialProbabilities_AreUniformWithin005ForEveryLayer()
    {
        int[] counts = [6, 3, 4, 3];
        var policy = new ControllerPolicy(counts, ControllerOptions.BioNas, new Random(1));
        var rng = new Random(2);
        for (int draw = 0; draw < 20; draw++)
        {
            var trace = policy.Sample(rng);
            for (int t = 0; t < counts.Length; t++)
            {
                Assert.All(trace.Probabilities[t], p => Assert.InRange(p, 1.0 / counts[t] - 0.05, 1.0 / counts[t] + 0.05));
            }
        }
    }

    [Fact]
    public void Backward_LogProbabilityGradientMatchesFiniteDifferences()
    {
        var options = ControllerOptions.BioNas with { LstmUnits = 6, EmbeddingSize = 3, HeadInitScale = 0.5 };
        var policy = new ControllerPolicy([4, 3, 2], options, new Random(5));
        var arch = new Architecture([2, 0, 1]);

        // Loss = 0.7·log π(a) − 0.3·H, the combination the policy-gradient rules use.
        double Loss()
        {
            var trace = policy.Evaluate(arch);
            return 0.7 * trace.LogProbability - 0.3 * trace.Entropy;
        }

        policy.ZeroGrad();
        var traceForGrad = policy.Evaluate(arch);
        var dz = new double[3][];
        for (int t = 0; t < 3; t++)
        {
            var p = traceForGrad.Probabilities[t];
            double h = -p.Sum(q => q * Math.Log(q));
            dz[t] = p.Select((q, k) => 0.7 * ((k == arch[t] ? 1 : 0) - q) - 0.3 * (-q * (Math.Log(q) + h))).ToArray();
        }

        policy.Backward(traceForGrad, dz);
        const double eps = 1e-6;
        for (int pi = 0; pi < policy.Parameters.Count; pi++)
        {
            var w = policy.Parameters[pi];
            var g = policy.Gradients[pi];
            for (int i = 0; i < w.Length; i += Math.Max(1, w.Length / 17))
            {
                double keep = w[i];
                w[i] = keep + eps;
                double up = Loss();
                w[i] = keep - eps;
                double down = Loss();
                w[i] = keep;
                double numeric = (up - down) / (2 * eps);
                Assert.True(Math.Abs(numeric - g[i]) <= 1e-6 + 1e-5 * Math.Abs(numeric), $"parameter {pi}[{i}]: numeric {numeric}, analytic {g[i]}");
            }
        }
    }

    [Fact]
    public void Greedy_FollowsTheMostProbableChoiceAtEachStep()
    {
        var policy = new ControllerPolicy([3, 3], ControllerOptions.BioNas, new Random(3));
        var greedy = policy.Greedy();
        for (int t = 0; t < 2; t++)
        {
            var p = greedy.Probabilities[t];
            Assert.Equal(Array.IndexOf(p, p.Max()), greedy.Architecture[t]);
        }
    }
}
