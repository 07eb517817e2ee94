namespace Motiflens.Interpretation.Metrics;

/// <summary>Trapezoid areas under the ROC and precision–recall curves over the distinct score thresholds.</summary>
internal static class RankingCurves
{
    /// <summary>
    /// (AUROC, AUPR) of <paramref name="scores"/> against <paramref name="labels"/>. AUROC is NaN unless both
    /// classes occur; AUPR is NaN without positives.
    /// </summary>
    public static (double Auroc, double Aupr) Areas(double[] scores, bool[] labels)
    {
        int total = scores.Length;
        int positives = labels.Count(l => l);
        int negatives = total - positives;
        if (positives == 0)
        {
            return (double.NaN, double.NaN);
        }

        var order = Enumerable.Range(0, total).ToArray();
        // Descending by score; the stable index tie-break only fixes iteration order (ties are grouped below).
        Array.Sort(order, (x, y) =>
        {
            int c = scores[y].CompareTo(scores[x]);
            return c != 0 ? c : x.CompareTo(y);
        });

        double auroc = 0, aupr = 0;
        double tp = 0, fp = 0;
        double prevTpr = 0, prevFpr = 0, prevRecall = 0, prevPrecision = 1;
        int i = 0;
        while (i < total)
        {
            double threshold = scores[order[i]];
            while (i < total && scores[order[i]] == threshold)
            {
                if (labels[order[i]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i++;
            }

            double tpr = tp / positives;
            double fpr = negatives > 0 ? fp / negatives : 0;
            auroc += (fpr - prevFpr) * (tpr + prevTpr) / 2;
            double precision = tp / (tp + fp);
            double recall = tp / positives;
            aupr += (recall - prevRecall) * (precision + prevPrecision) / 2;
            (prevTpr, prevFpr, prevRecall, prevPrecision) = (tpr, fpr, recall, precision);
        }

        return (negatives == 0 ? double.NaN : auroc, aupr);
    }
}
