using Motiflens.Engine.Metrics;

namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// The attribution signal-to-noise ratio against ground truth (Koo lab tfomics), as in DESIGN.md: per
/// sequence, <c>s_i = Σ_a X[i,a]·A[i,a]</c>; signal = mean s over motif positions (I &gt; 0.1); noise =
/// mean of the <see cref="TopCount"/> largest s among background positions (I = min I) with s &gt; 0;
/// SNR = signal / noise, or 0 when fewer than <see cref="TopCount"/> such background positions exist, and
/// NaN when the sequence has no motif position. The model SNR is the mean over sequences ignoring NaN.
/// </summary>
public static class SignalToNoise
{
    /// <summary>Number of top background scores that make up the noise.</summary>
    public const int TopCount = 10;

    /// <summary>
    /// SNR for every sequence: <paramref name="codes"/> (N, L), <paramref name="maps"/> (N, L, 4) (used as
    /// given — pass corrected maps if you want corrected scores), <paramref name="pwm"/> (N, L, 4).
    /// </summary>
    public static SignalToNoiseResult Compute(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps, ReadOnlySpan<float> pwm, int length)
    {
        PositionImportance.CheckShapes(codes, maps);
        if (pwm.Length != maps.Length)
        {
            throw new ArgumentException($"pwm has {pwm.Length} values, maps {maps.Length}; both must be (N, L, 4)");
        }

        int n = PositionImportance.SequenceCount(codes.Length, length);
        var s = PositionImportance.Signal(codes, maps);
        var info = GroundTruthInformation.Compute(pwm);
        var perSequence = new double[n];
        var noise = new List<double>(length);
        for (int q = 0; q < n; q++)
        {
            perSequence[q] = OfSequence(s.AsSpan(q * length, length), info.AsSpan(q * length, length), noise);
        }

        return new SignalToNoiseResult(MultitaskMetrics.MeanDefined(perSequence), perSequence);
    }

    /// <summary>The SNR of one sequence from its scores s (L) and ground-truth information I (L).</summary>
    public static double OfSequence(ReadOnlySpan<double> s, ReadOnlySpan<double> info) => OfSequence(s, info, []);

    private static double OfSequence(ReadOnlySpan<double> s, ReadOnlySpan<double> info, List<double> noise)
    {
        double min = double.PositiveInfinity;
        foreach (double v in info)
        {
            min = Math.Min(min, v);
        }

        double signal = 0;
        int motif = 0;
        noise.Clear();
        for (int i = 0; i < s.Length; i++)
        {
            if (info[i] > GroundTruthInformation.MotifThreshold)
            {
                signal += s[i];
                motif++;
            }

            if (info[i] == min && s[i] > 0)
            {
                noise.Add(s[i]);
            }
        }

        if (motif == 0)
        {
            return double.NaN;
        }

        if (noise.Count < TopCount)
        {
            return 0.0;
        }

        noise.Sort();
        double top = 0;
        for (int i = noise.Count - TopCount; i < noise.Count; i++)
        {
            top += noise[i];
        }

        return (signal / motif) / (top / TopCount);
    }
}
