namespace Motiflens.Engine.Metrics;

/// <summary>
/// Correlations between predictions and targets (N) for regression tasks. Pairs whose target is NaN are
/// skipped; NaN when fewer than two pairs remain or either side is constant.
/// </summary>
public static class CorrelationMetrics
{
    /// <summary>Pearson's r, accumulated in double in index order.</summary>
    public static double Pearson(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        var (x, y) = Defined(predictions, targets);
        return PearsonOf(x, y);
    }

    /// <summary>Spearman's ρ: Pearson's r of the average ranks (ties share their mean rank, as scipy).</summary>
    public static double Spearman(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        var (x, y) = Defined(predictions, targets);
        return PearsonOf(Ranks.Average(x), Ranks.Average(y));
    }

    private static double PearsonOf(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx <= 0 || syy <= 0)
        {
            return double.NaN;
        }

        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }

    private static (double[] X, double[] Y) Defined(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        if (predictions.Length != targets.Length)
        {
            throw new ArgumentException($"predictions ({predictions.Length}) and targets ({targets.Length}) differ in length");
        }

        var x = new List<double>(predictions.Length);
        var y = new List<double>(predictions.Length);
        for (int i = 0; i < targets.Length; i++)
        {
            if (!float.IsNaN(targets[i]))
            {
                x.Add(predictions[i]);
                y.Add(targets[i]);
            }
        }

        return (x.ToArray(), y.ToArray());
    }
}
