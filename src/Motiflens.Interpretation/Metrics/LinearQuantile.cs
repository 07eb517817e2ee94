namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// The q-quantile with linear interpolation between order statistics, numerically identical to numpy's
/// default <c>np.quantile(x, q)</c> (method "linear"): with sorted values v and h = (n − 1)·q,
/// result = lerp(v[⌊h⌋], v[⌊h⌋+1], h − ⌊h⌋), where lerp uses numpy's form b − (b − a)(1 − t) when t ≥ 0.5.
/// </summary>
public static class LinearQuantile
{
    /// <summary>The q-quantile of <paramref name="values"/> (not modified); NaN for an empty span.</summary>
    public static double Compute(ReadOnlySpan<double> values, double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "q must satisfy 0 <= q <= 1");
        }

        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, q);
    }

    /// <summary>The q-quantile of values already sorted ascending.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        int n = sorted.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        double h = (n - 1) * q;
        double lower = Math.Floor(h);
        int lo = (int)lower;
        if (lo >= n - 1)
        {
            return sorted[n - 1];
        }

        double t = h - lower;
        double a = sorted[lo], b = sorted[lo + 1];
        double diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }
}
