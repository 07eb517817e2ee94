namespace Motiflens.Engine.Metrics;

/// <summary>Average ranks (1-based; tied values share the mean of the ranks they span), as scipy's <c>rankdata</c>.</summary>
public static class Ranks
{
    /// <summary>Ranks of <paramref name="values"/>; the result has the same length and order.</summary>
    public static double[] Average(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();

        // A stable index tie-break keeps the sort deterministic; ties get averaged below anyway.
        Array.Sort(order, (a, b) =>
        {
            int c = keys[a].CompareTo(keys[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[order[end]] == keys[order[start]])
            {
                end++;
            }

            // Positions start..end-1 hold ranks start+1..end; their mean is (start+1+end)/2.
            double rank = 0.5 * (start + 1 + end);
            for (int j = start; j < end; j++)
            {
                ranks[order[j]] = rank;
            }

            start = end;
        }

        return ranks;
    }
}
