namespace Motiflens.Engine.Optim;

/// <summary>Adam's per-parameter state, as torch.optim.Adam's <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>.</summary>
public sealed class AdamState
{
    internal AdamState(int size)
    {
        ExpAvg = new float[size];
        ExpAvgSq = new float[size];
    }

    /// <summary>Updates applied to this parameter.</summary>
    public int Step { get; set; }

    /// <summary>First-moment estimate (same layout as the parameter value).</summary>
    public float[] ExpAvg { get; }

    /// <summary>Second-moment estimate.</summary>
    public float[] ExpAvgSq { get; }
}
