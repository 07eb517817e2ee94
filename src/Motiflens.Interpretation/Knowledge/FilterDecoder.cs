using Motiflens.Engine;

namespace Motiflens.Interpretation.Knowledge;

/// <summary>
/// Decodes first-layer filters into probability matrices: <c>Ŵ[i,:] = softmax(W[i,:] / T)</c> per row, with
/// temperature T (BioNAS uses 0.1). The result is what <see cref="KnowledgeDissimilarity"/> compares motifs
/// with and what is exported as MEME motifs.
/// </summary>
public static class FilterDecoder
{
    /// <summary>The BioNAS decoding temperature.</summary>
    public const double DefaultTemperature = 0.1;

    /// <summary>Probabilities (F, m, 4) of every filter, rows summing to 1.</summary>
    public static double[] Decode(FilterBank filters, double temperature = DefaultTemperature)
    {
        var log = DecodeLog(filters, temperature);
        for (int i = 0; i < log.Length; i++)
        {
            log[i] = Math.Exp(log[i]);
        }

        return log;
    }

    /// <summary>
    /// Natural-log probabilities (F, m, 4), computed as a stable log-softmax so that no entry is −∞ unless
    /// the weights differ by more than double range allows.
    /// </summary>
    public static double[] DecodeLog(FilterBank filters, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(filters);
        CheckTemperature(temperature);
        var w = filters.Weights;
        var result = new double[w.Length];
        for (int r = 0; r < w.Length; r += 4)
        {
            double a = w[r] / temperature, c = w[r + 1] / temperature, g = w[r + 2] / temperature, t = w[r + 3] / temperature;
            double logSum = Categorical.LogSumExp<double>([a, c, g, t]);
            result[r] = a - logSum;
            result[r + 1] = c - logSum;
            result[r + 2] = g - logSum;
            result[r + 3] = t - logSum;
        }

        return result;
    }

    internal static void CheckTemperature(double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be a finite number > 0");
        }
    }
}
