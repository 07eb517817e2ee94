namespace Motiflens.Search.Population;

/// <summary>Two models of nearly equal test AUROC whose multi-scale KLDs differ; <paramref name="A"/> has the larger KLD_ms.</summary>
public sealed record MatchedPair(string A, string B, double AurocA, double AurocB, double KldMultiscaleA, double KldMultiscaleB, double SnrA, double SnrB)
{
    /// <summary>|AUROC_a − AUROC_b|.</summary>
    public double AurocDifference => Math.Abs(AurocA - AurocB);

    /// <summary>KLD_ms(a) − KLD_ms(b) (≥ 0).</summary>
    public double KldDifference => KldMultiscaleA - KldMultiscaleB;
}
