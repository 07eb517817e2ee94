using Motiflens.Engine.Metrics;
using Motiflens.Search.Controllers;
using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Benchmark;

/// <summary>
/// The BioNAS bootstrap benchmark: for each λ, run independent searches whose children are answered from a recorded
/// history (<see cref="ReplayEvaluator"/>), and compare each run's converged architecture with the gold standard.
/// </summary>
public static class ReplayBenchmark
{
    /// <summary>Per-architecture medians of L and K over the ok records (architectures without K use 0).</summary>
    public static IReadOnlyDictionary<Architecture, (double Loss, double Knowledge)> Medians(IEnumerable<ChildRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Where(r => r.IsOk).GroupBy(r => new Architecture(r.Tokens)).ToDictionary(
            g => g.Key,
            g => (Median(g.Select(r => r.Loss!.Value)), Median(g.Select(r => r.Knowledge ?? 0))));
    }

    /// <summary>The architecture minimising median L + λ·median K (ties: lowest tokens in order).</summary>
    public static Architecture GoldStandard(IReadOnlyDictionary<Architecture, (double Loss, double Knowledge)> medians, double lambda)
    {
        ArgumentNullException.ThrowIfNull(medians);
        return medians.OrderBy(kv => kv.Value.Loss + lambda * kv.Value.Knowledge).ThenBy(kv => kv.Key.ToString(), StringComparer.Ordinal).First().Key;
    }

    /// <summary>Runs the benchmark for every λ in <paramref name="lambdas"/>.</summary>
    public static IReadOnlyList<LambdaBenchmark> Run(ModelSpace space, IReadOnlyList<ChildRecord> records, IReadOnlyList<double> lambdas,
        ReplayBenchmarkOptions options, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(lambdas);
        ArgumentNullException.ThrowIfNull(options);
        var medians = Medians(records);
        if (medians.Count == 0)
        {
            throw new ArgumentException("the history has no successful children to replay");
        }

        var archs = medians.Keys.ToArray();
        var lossRanks = Ranks.Average(archs.Select(a => medians[a].Loss).ToArray());
        var kRanks = Ranks.Average(archs.Select(a => medians[a].Knowledge).ToArray());
        var rankOf = archs.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => (Loss: lossRanks[x.i], K: kRanks[x.i]));
        var evaluator = new ReplayEvaluator(records);
        int total = lambdas.Count * options.Runs;
        int done = 0;
        var results = new List<LambdaBenchmark>();
        for (int li = 0; li < lambdas.Count; li++)
        {
            double lambda = lambdas[li];
            var gold = GoldStandard(medians, lambda);
            var converged = new Architecture[options.Runs];
            Parallel.For(0, options.Runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellationToken }, run =>
            {
                int seed = Seeds.Derive(options.Seed, li, run + 1);
                var controller = new ArchitectureController(space.OptionCounts, options.Controller, options.Update(), seed);
                var search = new ArchitectureSearch(space, controller, evaluator, new KnowledgeReward(lambda),
                    new SearchOptions { Episodes = options.Episodes, ChildrenPerEpisode = options.ChildrenPerEpisode, Seed = seed, Lambda = lambda, RewardEstimate = options.RewardEstimate, Elites = options.Elites });
                converged[run] = search.Run(null, cancellationToken).Converged;
                progress?.Report((Interlocked.Increment(ref done), total));
            });

            var ranked = converged.Where(rankOf.ContainsKey).ToArray();
            results.Add(new LambdaBenchmark(
                lambda,
                space.LayerStrings(gold),
                gold.Tokens.ToArray(),
                converged.Count(c => c.Equals(gold)) / (double)options.Runs,
                ranked.Length == 0 ? double.NaN : ranked.Average(c => rankOf[c].Loss),
                ranked.Length == 0 ? double.NaN : ranked.Average(c => rankOf[c].K),
                options.Runs,
                archs.Length,
                TopConverged(space, converged, medians, TopConvergedCount),
                options.GoldResamples > 0 ? GoldStandardSupport(records, lambda, gold, options.GoldResamples, Seeds.Derive(options.Seed, li, 0)) : null));
        }

        return results;
    }

    /// <summary>
    /// The fraction of <paramref name="resamples"/> bootstrap resamples (each architecture's ok replicates drawn with
    /// replacement, as many as it has) in which <paramref name="gold"/> is still the architecture minimising
    /// median L + λ·median K (ties broken as in <see cref="GoldStandard"/>).
    /// </summary>
    public static double GoldStandardSupport(IEnumerable<ChildRecord> records, double lambda, Architecture gold, int resamples, int seed)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var groups = records.Where(r => r.IsOk).GroupBy(r => new Architecture(r.Tokens))
            .OrderBy(g => g.Key.ToString(), StringComparer.Ordinal)
            .Select(g => (Arch: g.Key, Loss: g.Select(r => r.Loss!.Value).ToArray(), K: g.Select(r => r.Knowledge ?? 0).ToArray()))
            .ToArray();
        int most = groups.Max(g => g.Loss.Length);
        var loss = new double[most];
        var k = new double[most];
        var rng = new Random(seed);
        int hits = 0;
        for (int b = 0; b < resamples; b++)
        {
            Architecture? best = null;
            double bestScore = double.PositiveInfinity;
            foreach (var (arch, l, kk) in groups)
            {
                int n = l.Length;
                for (int i = 0; i < n; i++)
                {
                    int j = rng.Next(n);
                    loss[i] = l[j];
                    k[i] = kk[j];
                }

                double score = MedianInPlace(loss.AsSpan(0, n)) + lambda * MedianInPlace(k.AsSpan(0, n));
                if (score < bestScore)
                {
                    bestScore = score;
                    best = arch;
                }
            }

            hits += gold.Equals(best) ? 1 : 0;
        }

        return hits / (double)resamples;
    }

    private static double MedianInPlace(Span<double> v)
    {
        v.Sort();
        int n = v.Length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /// <summary>How many of the most frequent converged architectures a result lists.</summary>
    public const int TopConvergedCount = 3;

    private static ConvergedArchitecture[] TopConverged(ModelSpace space, Architecture[] converged,
        IReadOnlyDictionary<Architecture, (double Loss, double Knowledge)> medians, int count) =>
        converged.GroupBy(c => c)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.ToString(), StringComparer.Ordinal)
            .Take(count)
            .Select(g => new ConvergedArchitecture(
                space.LayerStrings(g.Key),
                g.Key.Tokens.ToArray(),
                g.Count() / (double)converged.Length,
                medians.TryGetValue(g.Key, out var m) ? m.Loss : null,
                medians.TryGetValue(g.Key, out var n) ? n.Knowledge : null))
            .ToArray();

    private static double Median(IEnumerable<double> values) => MedianInPlace(values.ToArray());
}
