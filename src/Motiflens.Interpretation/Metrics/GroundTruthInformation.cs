namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// Ground-truth information of simulated sequences: <c>I_i = 2 + Σ_a p[i,a]·log2 p[i,a]</c> (bits, with
/// 0·log 0 = 0) from the generating PWM row p. Motif positions have I &gt; <see cref="MotifThreshold"/>;
/// background positions have I equal to the sequence's minimum I.
/// </summary>
public static class GroundTruthInformation
{
    /// <summary>Positions with more information than this (bits) are motif positions.</summary>
    public const double MotifThreshold = 0.1;

    /// <summary>I for every position of <paramref name="pwm"/> (…, 4); returns one value per row.</summary>
    public static double[] Compute(ReadOnlySpan<float> pwm)
    {
        if (pwm.Length % 4 != 0)
        {
            throw new ArgumentException($"pwm must be rows of 4 probabilities; length {pwm.Length} is not a multiple of 4", nameof(pwm));
        }

        var info = new double[pwm.Length / 4];
        for (int i = 0; i < info.Length; i++)
        {
            double sum = 2.0;
            for (int a = 0; a < 4; a++)
            {
                double p = pwm[(4 * i) + a];
                if (p > 0)
                {
                    sum += p * Math.Log2(p);
                }
            }

            info[i] = sum;
        }

        return info;
    }
}
