namespace Motiflens.Interpretation.Metrics;

/// <summary>How an attribution map (L, 4) becomes one importance value per position.</summary>
public enum ImportanceKind
{
    /// <summary><c>r_i = ‖A'[i,:]‖₂</c>, the L2 norm of the gradient-corrected row (the KLD default).</summary>
    CorrectedNorm,

    /// <summary><c>|s_i| = |Σ_a X[i,a]·A[i,a]|</c>, the magnitude of gradient×input at the observed base.</summary>
    AbsoluteSignal,
}
