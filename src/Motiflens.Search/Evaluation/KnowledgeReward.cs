namespace Motiflens.Search.Evaluation;

/// <summary>
/// The BioNAS reward <c>R = −(L + λ·K)</c>, plus Motiflens's optional knowledge-free term <c>+ μ·KLD_ms</c>
/// (used only when <see cref="Mu"/> ≠ 0 and the measurement has a KLD).
/// </summary>
public sealed record KnowledgeReward(double Lambda, double Mu = 0) : IRewardFunction
{
    public double Reward(ChildMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        double r = -(measurement.Loss + Lambda * measurement.Knowledge);
        if (Mu != 0 && measurement.Kld is { } kld)
        {
            r += Mu * kld;
        }

        return r;
    }
}
