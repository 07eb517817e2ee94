using Motiflens.Engine.Metrics;

namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// Interpretability AUROC / AUPR against ground truth (Koo lab tfomics), as in DESIGN.md: per sequence,
/// over motif positions (I &gt; 0.1, label 1) and background positions (I = min I, label 0), positions are
/// scored by <c>s_i = Σ_a X[i,a]·A[i,a]</c>; AUROC is the trapezoid area under the ROC curve (sklearn
/// <c>roc_curve</c> + <c>auc</c>: ties count one half) and AUPR the trapezoid area under the
/// precision–recall curve (sklearn <c>precision_recall_curve</c> + <c>auc</c>, starting at recall 0,
/// precision 1), as tfomics computes them. Both are averaged over sequences ignoring NaN.
/// </summary>
public static class InterpretabilityScore
{
    /// <summary>
    /// Scores every sequence: <paramref name="codes"/> (N, L), <paramref name="maps"/> (N, L, 4),
    /// <paramref name="pwm"/> (N, L, 4).
    /// </summary>
    public static InterpretabilityResult Compute(ReadOnlySpan<byte> codes, ReadOnlySpan<float> maps, ReadOnlySpan<float> pwm, int length)
    {
        PositionImportance.CheckShapes(codes, maps);
        if (pwm.Length != maps.Length)
        {
            throw new ArgumentException($"pwm has {pwm.Length} values, maps {maps.Length}; both must be (N, L, 4)");
        }

        int n = PositionImportance.SequenceCount(codes.Length, length);
        var s = PositionImportance.Signal(codes, maps);
        var info = GroundTruthInformation.Compute(pwm);
        var auroc = new double[n];
        var aupr = new double[n];
        for (int q = 0; q < n; q++)
        {
            (auroc[q], aupr[q]) = OfSequence(s.AsSpan(q * length, length), info.AsSpan(q * length, length));
        }

        return new InterpretabilityResult(MultitaskMetrics.MeanDefined(auroc), MultitaskMetrics.MeanDefined(aupr), auroc, aupr);
    }

    /// <summary>AUROC and AUPR of one sequence from scores s (L) and information I (L).</summary>
    public static (double Auroc, double Aupr) OfSequence(ReadOnlySpan<double> s, ReadOnlySpan<double> info)
    {
        double min = double.PositiveInfinity;
        foreach (double v in info)
        {
            min = Math.Min(min, v);
        }

        var scores = new List<double>();
        var labels = new List<bool>();
        for (int i = 0; i < s.Length; i++)
        {
            bool motif = info[i] > GroundTruthInformation.MotifThreshold;
            if (motif || info[i] == min)
            {
                scores.Add(s[i]);
                labels.Add(motif);
            }
        }

        return RankingCurves.Areas(scores.ToArray(), labels.ToArray());
    }
}
