namespace Motiflens.Interpretation.Attribution;

/// <summary>How a path integral over α ∈ [0, 1] is approximated.</summary>
public enum IntegrationRule
{
    /// <summary>Midpoint Riemann sum: α_s = (s + ½)/m, weight 1/m (captum's "riemann_middle").</summary>
    Riemann,

    /// <summary>Gauss–Legendre quadrature with m nodes mapped to [0, 1] (captum's default "gausslegendre").</summary>
    GaussLegendre,
}
