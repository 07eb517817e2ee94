using Motiflens.Engine.Metrics;
using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Calibration;

/// <summary>
/// Calibrates the multi-scale KLD's length weights on a population of models with known SNR (DESIGN.md):
/// for each k, fit the least-squares line KLD_w(k) ~ a + b·ln(SNR); its R² (explained / total variance) measures
/// how well k separates models by interpretability, and ω_k ∝ R²_k. Robustness: the models are split into
/// disjoint subsets (default 10); in each trial one subset is held out, weights are fitted on the rest with
/// k-fold cross-validation (default 5; the fold weights are averaged), and the Spearman correlation of KLD_ms
/// with SNR is measured on the held-out subset. Models with SNR ≤ 0 (ln undefined) or a non-finite KLD_w(k)
/// are left out.
/// </summary>
public static class LengthWeightCalibration
{
    /// <summary>R²_k of KLD_w(k) ~ a + b·ln(SNR) over <paramref name="models"/> (0 when either variable is constant).</summary>
    public static IReadOnlyDictionary<int, double> RSquared(IReadOnlyList<CalibrationModel> models, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(ks);
        var x = models.Select(m => Math.Log(m.Snr)).ToArray();
        var result = new SortedDictionary<int, double>();
        foreach (int k in ks)
        {
            var y = models.Select(m => m.WeightedKld[k]).ToArray();
            double r = Pearson(x, y);
            result[k] = double.IsNaN(r) ? 0 : r * r;
        }

        return result;
    }

    /// <summary>ω_k ∝ R²_k over usable <paramref name="models"/>; throws when no k has R² &gt; 0.</summary>
    public static LengthWeights Fit(IReadOnlyList<CalibrationModel> models, IReadOnlyList<int>? ks = null)
    {
        ks ??= WeightedKld.DefaultKs;
        var usable = Usable(models, ks);
        return FromRSquared(RSquared(usable, ks));
    }

    /// <summary>Fits the weights on all usable models and runs the hold-one-subset-out robustness trials.</summary>
    public static CalibrationReport Calibrate(IReadOnlyList<CalibrationModel> models, IReadOnlyList<int>? ks = null, int subsets = 10, int folds = 5, int seed = 0)
    {
        ks ??= WeightedKld.DefaultKs;
        if (subsets < 2 || folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(subsets), "subsets and folds must be at least 2");
        }

        var usable = Usable(models, ks);
        if (usable.Count < subsets)
        {
            throw new ArgumentException($"calibration needs at least {subsets} usable models (SNR > 0, finite KLDs); got {usable.Count} of {models.Count}");
        }

        var r2 = RSquared(usable, ks);
        var weights = FromRSquared(r2);

        var order = Enumerable.Range(0, usable.Count).ToArray();
        new Random(seed).Shuffle(order);
        var subsetOf = new int[usable.Count];
        for (int i = 0; i < order.Length; i++)
        {
            subsetOf[order[i]] = i % subsets;
        }

        var trials = new List<CalibrationTrial>();
        for (int s = 0; s < subsets; s++)
        {
            var heldOut = Enumerable.Range(0, usable.Count).Where(i => subsetOf[i] == s).Select(i => usable[i]).ToList();
            var rest = Enumerable.Range(0, usable.Count).Where(i => subsetOf[i] != s).Select(i => usable[i]).ToList();
            var trialWeights = FoldAveraged(rest, ks, folds, new Random(SeedMixer.Mix(seed, s, salt: 2)));
            var snr = heldOut.Select(m => m.Snr).ToArray();
            var kldMs = heldOut.Select(m => MultiScaleKld.Combine(m.WeightedKld, trialWeights)).ToArray();
            double rho = heldOut.Count < 2 ? double.NaN : Spearman(snr, kldMs);
            var perK = new SortedDictionary<int, double>();
            foreach (int k in ks)
            {
                perK[k] = heldOut.Count < 2 ? double.NaN : Spearman(snr, heldOut.Select(m => m.WeightedKld[k]).ToArray());
            }

            var withOriginal = heldOut.Where(m => double.IsFinite(m.KldOriginal)).ToArray();
            double rhoOriginal = withOriginal.Length < 2
                ? double.NaN
                : Spearman(withOriginal.Select(m => m.Snr).ToArray(), withOriginal.Select(m => m.KldOriginal).ToArray());
            trials.Add(new CalibrationTrial(s, trialWeights, heldOut.Count, rho, perK, rhoOriginal));
        }

        var spread = new SortedDictionary<int, double>();
        foreach (int k in ks)
        {
            var w = trials.Select(t => t.Weights.Weights.GetValueOrDefault(k)).ToArray();
            double mean = w.Average();
            spread[k] = Math.Sqrt(w.Sum(v => (v - mean) * (v - mean)) / w.Length);
        }

        var meanPerK = new SortedDictionary<int, double>();
        foreach (int k in ks)
        {
            meanPerK[k] = MultitaskMetrics.MeanDefined([.. trials.Select(t => t.SpearmanWeighted[k])]);
        }

        return new CalibrationReport(weights, r2, usable.Count, trials, MultitaskMetrics.MeanDefined([.. trials.Select(t => t.Spearman)]), spread,
            meanPerK, MultitaskMetrics.MeanDefined([.. trials.Select(t => t.SpearmanOriginal)]));
    }

    /// <summary>Spearman rank correlation (average ranks for ties); NaN when either variable is constant.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b) => Pearson(Ranks.Average([.. a]), Ranks.Average([.. b]));

    private static LengthWeights FoldAveraged(List<CalibrationModel> models, IReadOnlyList<int> ks, int folds, Random random)
    {
        var order = Enumerable.Range(0, models.Count).ToArray();
        random.Shuffle(order);
        var sum = ks.ToDictionary(k => k, _ => 0.0);
        int used = 0;
        for (int f = 0; f < folds; f++)
        {
            var training = order.Where((_, position) => position % folds != f).Select(i => models[i]).ToList();
            var r2 = RSquared(training, ks);
            double total = r2.Values.Sum();
            if (!(total > 0))
            {
                continue;
            }

            foreach (int k in ks)
            {
                sum[k] += r2[k] / total;
            }

            used++;
        }

        if (used == 0)
        {
            throw new ArgumentException("cannot calibrate: in no fold does any k-mer length correlate with ln(SNR)");
        }

        return new LengthWeights(sum.Select(p => new KeyValuePair<int, double>(p.Key, p.Value / used)));
    }

    private static LengthWeights FromRSquared(IReadOnlyDictionary<int, double> r2)
    {
        if (!(r2.Values.Sum() > 0))
        {
            throw new ArgumentException("cannot calibrate: no k-mer length correlates with ln(SNR) (all R² are 0)");
        }

        return new LengthWeights(r2);
    }

    private static List<CalibrationModel> Usable(IReadOnlyList<CalibrationModel> models, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(models);
        return models.Where(m => m.Snr > 0 && double.IsFinite(m.Snr)
                                 && ks.All(k => m.WeightedKld.TryGetValue(k, out double v) && double.IsFinite(v)))
            .ToList();
    }

    private static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        if (n < 2)
        {
            return double.NaN;
        }

        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }
}
