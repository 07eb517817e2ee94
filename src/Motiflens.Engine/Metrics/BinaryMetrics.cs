namespace Motiflens.Engine.Metrics;

/// <summary>
/// Metrics of one binary task from scores and 0/1 labels (N). Labels ≥ 0.5 count as positive; samples whose
/// label is NaN are skipped (masked). Results are double; undefined values are NaN.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>
    /// Area under the ROC curve, equal to sklearn's <c>roc_auc_score</c>: the trapezoid rule over the distinct
    /// score thresholds, so tied scores across classes count one half. NaN when either class is absent.
    /// </summary>
    public static double Auroc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        var (s, y) = Defined(scores, labels);
        int positives = 0;
        foreach (var v in y)
        {
            positives += v ? 1 : 0;
        }

        int negatives = y.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // The trapezoid AUC with ties equals the Mann-Whitney U statistic with average ranks.
        var ranks = Ranks.Average(s);
        double sum = 0;
        for (int i = 0; i < ranks.Length; i++)
        {
            if (y[i])
            {
                sum += ranks[i];
            }
        }

        double u = sum - (positives * (positives + 1.0) / 2.0);
        return u / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision, equal to sklearn's <c>average_precision_score</c>: Σ (R_t − R_{t−1}) · P_t over the
    /// distinct score thresholds t from high to low (tied scores enter together, no interpolation).
    /// NaN when there are no positives.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        var (s, y) = Defined(scores, labels);
        int positives = 0;
        foreach (var v in y)
        {
            positives += v ? 1 : 0;
        }

        if (positives == 0)
        {
            return double.NaN;
        }

        var order = new int[s.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int c = s[b].CompareTo(s[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        double ap = 0, previousRecall = 0;
        int tp = 0, seen = 0, k = 0;
        while (k < order.Length)
        {
            double threshold = s[order[k]];
            while (k < order.Length && s[order[k]] == threshold)
            {
                tp += y[order[k]] ? 1 : 0;
                seen++;
                k++;
            }

            double recall = (double)tp / positives;
            double precision = (double)tp / seen;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
        }

        return ap;
    }

    /// <summary>Fraction of samples whose prediction (score &gt; <paramref name="threshold"/>) equals the label. NaN when empty.</summary>
    public static double Accuracy(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, float threshold = 0.5f)
    {
        var (s, y) = Defined(scores, labels);
        if (s.Length == 0)
        {
            return double.NaN;
        }

        int correct = 0;
        for (int i = 0; i < s.Length; i++)
        {
            correct += (s[i] > threshold) == y[i] ? 1 : 0;
        }

        return (double)correct / s.Length;
    }

    private static (double[] Scores, bool[] Labels) Defined(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"scores ({scores.Length}) and labels ({labels.Length}) differ in length");
        }

        int n = 0;
        foreach (var l in labels)
        {
            n += float.IsNaN(l) ? 0 : 1;
        }

        var s = new double[n];
        var y = new bool[n];
        int j = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (!float.IsNaN(labels[i]))
            {
                s[j] = scores[i];
                y[j] = labels[i] >= 0.5f;
                j++;
            }
        }

        return (s, y);
    }
}
