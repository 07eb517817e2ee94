using Motiflens.Engine.Recurrent;

namespace Motiflens.Search.Controllers;

/// <summary>
/// Proximal policy optimisation over the episode buffer: several epochs of Adam steps on the clipped surrogate
/// <c>−mean_i min(r_i A_i, clip(r_i, 1−ε, 1+ε) A_i) − β·H</c> with r_i = π(a_i)/π_old(a_i), stopping early when the
/// mean approximate KL to the sampling policies exceeds 1.5 × <see cref="ControllerOptions.TargetKl"/>.
/// </summary>
public sealed class PpoUpdate : IPolicyUpdate
{
    public PolicyUpdateReport Update(ControllerPolicy policy, ArrayAdam optimizer, IReadOnlyList<Episode> buffer, ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(options);
        var children = buffer.SelectMany(e => e.Children).ToArray();
        int n = children.Length;
        int epochs = 0;
        double loss = 0, kl = 0, entropy = 0;
        // Children with the same architecture share one forward/backward pass: their gradients differ only by
        // a scalar coefficient, so the coefficients are summed per architecture.
        var groups = children.Select((c, i) => (c.Architecture, i)).GroupBy(x => x.Architecture).Select(g => (Architecture: g.Key, Members: g.Select(x => x.i).ToArray())).ToArray();
        for (int epoch = 0; epoch < options.PpoEpochs; epoch++)
        {
            policy.ZeroGrad();
            loss = 0;
            kl = 0;
            entropy = 0;
            var traces = groups.Select(g => policy.Evaluate(g.Architecture)).ToArray();
            for (int g = 0; g < groups.Length; g++)
            {
                foreach (int i in groups[g].Members)
                {
                    kl += (children[i].LogProb - traces[g].LogProbability) / n;
                }
            }

            // Stale buffer entries can already be far from the current policy; the KL check before each epoch keeps
            // the step proximal to the policies that sampled them.
            if (epoch > 0 && kl > 1.5 * options.TargetKl)
            {
                break;
            }

            for (int g = 0; g < groups.Length; g++)
            {
                double logp = traces[g].LogProbability;
                double dLogProb = 0;
                foreach (int i in groups[g].Members)
                {
                    var c = children[i];
                    double ratio = Math.Exp(logp - c.LogProb);
                    double clipped = Math.Clamp(ratio, 1 - options.Clip, 1 + options.Clip);
                    loss -= Math.Min(ratio * c.Advantage, clipped * c.Advantage) / n;

                    // The gradient flows only where the unclipped term is the minimum.
                    bool active = !(c.Advantage > 0 && ratio > 1 + options.Clip) && !(c.Advantage < 0 && ratio < 1 - options.Clip);
                    dLogProb += active ? -c.Advantage * ratio / n : 0;
                }

                int members = groups[g].Members.Length;
                entropy += traces[g].Entropy * members / n;
                PolicyGradient.Accumulate(policy, traces[g], dLogProb, options.EntropyWeight * members / n);
            }

            PolicyGradient.Step(policy, optimizer, options);
            epochs++;
        }

        return new PolicyUpdateReport(epochs, loss - options.EntropyWeight * entropy, kl, entropy);
    }
}
