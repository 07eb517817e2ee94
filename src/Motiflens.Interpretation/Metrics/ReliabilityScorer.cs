namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// Computes every metric the inputs allow: the original KLD, KLD_w(k) for each k, the multi-scale KLD, and
/// with ground truth the SNR and interpretability AUROC/AUPR.
/// </summary>
public static class ReliabilityScorer
{
    /// <summary>
    /// Scores maps (N, L, 4) of sequences (N, L). The KLDs use all N sequences; the ground-truth metrics use
    /// <paramref name="pwm"/> (N, L, 4) over the rows where <paramref name="positives"/> (N) is true (all rows
    /// when null). Without <paramref name="pwm"/> there are no ground-truth metrics.
    /// </summary>
    public static ReliabilityScores Score(byte[] codes, float[] maps, int length, float[]? pwm = null, bool[]? positives = null, ReliabilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(maps);
        options ??= ReliabilityOptions.Default;
        PositionImportance.CheckShapes(codes, maps);
        int n = PositionImportance.SequenceCount(codes.Length, length);
        var weights = options.Weights ?? LengthWeights.Default;
        var original = options.Original ?? OriginalKldOptions.Default;
        var ks = (options.WeightedKs ?? WeightedKld.DefaultKs).Concat(weights.Ks).Distinct().Order().ToArray();

        var norm = PositionImportance.CorrectedNorm(maps);
        var weightedImportance = options.Importance == ImportanceKind.CorrectedNorm
            ? norm
            : PositionImportance.Compute(codes, maps, options.Importance);

        // One task per k (plus the original KLD); each reduction runs on one thread, so results do not
        // depend on the thread count.
        var results = new double[ks.Length];
        double kldOriginal = double.NaN;
        Parallel.For(0, ks.Length + 1, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) }, t =>
        {
            if (t == ks.Length)
            {
                kldOriginal = OriginalKld.FromImportance(codes, norm, length, original).Value;
                return;
            }

            var q = KmerDivergence.BackgroundCounts(codes, length, ks[t]);
            results[t] = WeightedKld.FromImportance(codes, weightedImportance, length, ks[t], q).Value;
        });

        var perK = new SortedDictionary<int, double>();
        for (int i = 0; i < ks.Length; i++)
        {
            perK[ks[i]] = results[i];
        }

        GroundTruthScores? truth = null;
        if (pwm is not null)
        {
            truth = ScoreGroundTruth(codes, maps, pwm, length, n, positives);
        }

        return new ReliabilityScores(n, kldOriginal, perK, MultiScaleKld.Combine(perK, weights), truth);
    }

    private static GroundTruthScores ScoreGroundTruth(byte[] codes, float[] maps, float[] pwm, int length, int n, bool[]? positives)
    {
        if (pwm.Length != maps.Length)
        {
            throw new ArgumentException($"pwm has {pwm.Length} values, maps {maps.Length}; both must be (N, L, 4)");
        }

        if (positives is not null && positives.Length != n)
        {
            throw new ArgumentException($"positives has {positives.Length} entries for {n} sequences");
        }

        var rows = Enumerable.Range(0, n).Where(i => positives is null || positives[i]).ToArray();
        var subCodes = new byte[rows.Length * length];
        var subMaps = new float[rows.Length * length * 4];
        var subPwm = new float[rows.Length * length * 4];
        for (int j = 0; j < rows.Length; j++)
        {
            int i = rows[j];
            Array.Copy(codes, i * length, subCodes, j * length, length);
            Array.Copy(maps, i * length * 4, subMaps, j * length * 4, length * 4);
            Array.Copy(pwm, i * length * 4, subPwm, j * length * 4, length * 4);
        }

        if (rows.Length == 0)
        {
            return new GroundTruthScores(0, double.NaN, double.NaN, double.NaN);
        }

        var snr = SignalToNoise.Compute(subCodes, subMaps, subPwm, length);
        var interp = InterpretabilityScore.Compute(subCodes, subMaps, subPwm, length);
        return new GroundTruthScores(rows.Length, snr.Mean, interp.Auroc, interp.Aupr);
    }
}
