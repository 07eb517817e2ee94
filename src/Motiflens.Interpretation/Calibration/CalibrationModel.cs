namespace Motiflens.Interpretation.Calibration;

/// <summary>One model of a calibration population: its ground-truth SNR and its weighted KLDs.</summary>
/// <param name="Name">A label for reports (e.g. the model directory).</param>
/// <param name="Snr">The model SNR against ground truth (see SignalToNoise).</param>
/// <param name="WeightedKld">KLD_w(k) keyed by k.</param>
/// <param name="KldOriginal">The original KLD, for comparison only (it does not enter the weights); NaN when unknown.</param>
public sealed record CalibrationModel(string Name, double Snr, IReadOnlyDictionary<int, double> WeightedKld, double KldOriginal = double.NaN);
