using Motiflens.Engine.Recurrent;

namespace Motiflens.Search.Controllers;

/// <summary>
/// REINFORCE with a baseline: one Adam step on <c>−(1/n) Σ_i A_i log π(a_i) − β·H</c> over the newest episode,
/// where A_i is the child's stored advantage (reward minus the moving-average baseline, scaled).
/// </summary>
public sealed class ReinforceUpdate : IPolicyUpdate
{
    public PolicyUpdateReport Update(ControllerPolicy policy, ArrayAdam optimizer, IReadOnlyList<Episode> buffer, ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(options);
        var children = buffer[^1].Children;
        policy.ZeroGrad();
        double loss = 0, entropy = 0, kl = 0;
        int n = children.Count;
        // Children with the same architecture share one forward/backward pass (summed coefficients).
        foreach (var group in children.GroupBy(c => c.Architecture))
        {
            var trace = policy.Evaluate(group.Key);
            double logp = trace.LogProbability;
            int members = group.Count();
            double advantage = group.Sum(c => c.Advantage);
            loss -= advantage * logp / n;
            entropy += trace.Entropy * members / n;
            kl += group.Sum(c => c.LogProb - logp) / n;
            PolicyGradient.Accumulate(policy, trace, -advantage / n, options.EntropyWeight * members / n);
        }

        PolicyGradient.Step(policy, optimizer, options);
        return new PolicyUpdateReport(1, loss - options.EntropyWeight * entropy, kl, entropy);
    }
}
