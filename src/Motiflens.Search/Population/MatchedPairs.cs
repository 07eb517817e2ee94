namespace Motiflens.Search.Population;

/// <summary>
/// Matched-performance pairs (the enhanced-metric paper's Figure 4): pairs of successful models whose test AUROC
/// differs by less than a tolerance, ranked by how much their multi-scale KLD differs — what performance hides.
/// </summary>
public static class MatchedPairs
{
    /// <summary>The default AUROC tolerance.</summary>
    public const double DefaultTolerance = 0.005;

    /// <summary>The default number of pairs listed.</summary>
    public const int DefaultCount = 10;

    /// <summary>
    /// The <paramref name="count"/> pairs of ok rows with finite AUROC and KLD_ms, |ΔAUROC| &lt; <paramref name="tolerance"/>,
    /// with the largest |ΔKLD_ms| first (ties: smaller |ΔAUROC|, then ids). Each model may appear in several pairs.
    /// </summary>
    public static IReadOnlyList<MatchedPair> Find(IReadOnlyList<PopulationRow> rows, double tolerance = DefaultTolerance, int count = DefaultCount)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!(tolerance > 0) || count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), "tolerance must be positive and count non-negative");
        }

        var usable = rows.Where(r => r.Ok && double.IsFinite(r.TestAuroc) && double.IsFinite(r.KldMultiscale))
            .OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        var pairs = new List<MatchedPair>();
        for (int i = 0; i < usable.Length; i++)
        {
            for (int j = i + 1; j < usable.Length; j++)
            {
                var (x, y) = (usable[i], usable[j]);
                if (!(Math.Abs(x.TestAuroc - y.TestAuroc) < tolerance))
                {
                    continue;
                }

                var (a, b) = x.KldMultiscale >= y.KldMultiscale ? (x, y) : (y, x);
                pairs.Add(new MatchedPair(a.Id, b.Id, a.TestAuroc, b.TestAuroc, a.KldMultiscale, b.KldMultiscale, a.Snr, b.Snr));
            }
        }

        return pairs.OrderByDescending(p => p.KldDifference)
            .ThenBy(p => p.AurocDifference)
            .ThenBy(p => p.A, StringComparer.Ordinal)
            .ThenBy(p => p.B, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }
}
