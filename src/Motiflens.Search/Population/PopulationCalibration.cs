using Motiflens.Interpretation.Calibration;
using Motiflens.Interpretation.Metrics;
using Motiflens.IO;

namespace Motiflens.Search.Population;

/// <summary>
/// Calibrates the multi-scale KLD's length weights on a trained population (DESIGN.md, "Multi-scale KLD"):
/// keeps the successful models with test AUROC ≥ a threshold (the paper kept 327 of 390 at 0.97) and runs
/// <see cref="LengthWeightCalibration.Calibrate"/> on their SNR and stored KLD_w(k), with the original KLD alongside
/// for comparison. Held-out KLD_ms values are recomputed with each trial's weights from the stored KLD_w(k).
/// </summary>
public static class PopulationCalibration
{
    /// <summary>The default test-AUROC filter.</summary>
    public const double DefaultMinAuroc = 0.97;

    /// <summary>
    /// Calibrates on <paramref name="table"/>. Too few usable models, or none whose KLD_w correlates with ln SNR, is an
    /// <see cref="InputException"/> naming <paramref name="source"/>.
    /// </summary>
    public static PopulationCalibrationResult Calibrate(PopulationTable table, string source, double minAuroc = DefaultMinAuroc, int subsets = 10, int folds = 5, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        var passed = table.Models.Where(m => m.Ok && m.TestAuroc >= minAuroc).ToList();
        var models = passed.Select(m => new CalibrationModel(m.Id, m.Snr, m.KldWeighted, m.KldOriginal)).ToList();
        var ks = WeightedKld.DefaultKs;
        int usable = models.Count(m => m.Snr > 0 && double.IsFinite(m.Snr) && ks.All(k => m.WeightedKld.TryGetValue(k, out double v) && double.IsFinite(v)));
        if (usable < subsets)
        {
            throw new InputException(source, "models",
                $"{passed.Count} of {table.Models.Count} models pass test AUROC >= {minAuroc} and {usable} of them have SNR > 0 and every KLD_w(3..8); calibration with {subsets} subsets needs at least {subsets}");
        }

        try
        {
            var report = LengthWeightCalibration.Calibrate(models, ks, subsets, folds, seed);
            return new PopulationCalibrationResult(report, table.Models.Count, passed.Count, minAuroc);
        }
        catch (ArgumentException ex)
        {
            throw new InputException(source, "models", ex.Message);
        }
    }
}
