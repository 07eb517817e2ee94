namespace Motiflens.Reporting.Charts;

/// <summary>What the letter heights of a sequence logo show.</summary>
public enum LogoMode
{
    /// <summary>Height = p × information content (bits, 0..2): the classic logo.</summary>
    Information,

    /// <summary>Height = p (0..1): every column is full.</summary>
    Probability,
}
