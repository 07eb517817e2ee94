using Motiflens.Interpretation.Calibration;

namespace Motiflens.Search.Population;

/// <summary>The outcome of <see cref="PopulationCalibration.Calibrate"/>.</summary>
/// <param name="Report">Weights, R², trials and held-out Spearman correlations over the used models.</param>
/// <param name="ModelsTotal">Rows in the population (ok and failed).</param>
/// <param name="ModelsPassed">Ok rows with test AUROC ≥ <paramref name="MinAuroc"/>.</param>
/// <param name="MinAuroc">The AUROC filter.</param>
public sealed record PopulationCalibrationResult(CalibrationReport Report, int ModelsTotal, int ModelsPassed, double MinAuroc)
{
    /// <summary>Models the calibration used: passed the filter, SNR &gt; 0 and every KLD_w(k) finite.</summary>
    public int ModelsUsed => Report.UsedModels;
}
