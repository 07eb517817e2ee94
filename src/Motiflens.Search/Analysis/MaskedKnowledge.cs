using Motiflens.Engine.Checkpoints;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;
using Motiflens.Search.Controllers;
using Motiflens.Search.Evaluation;
using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Analysis;

/// <summary>
/// Masked knowledge (BioNAS §4.2): a search is given knowledge for some motifs only; do the architectures it selects
/// also match the masked motifs better than children of similar validation loss? Lower K = better match.
/// </summary>
public static class MaskedKnowledge
{
    /// <summary>The history file of a search or grid run.</summary>
    public const string HistoryFile = "history.jsonl";

    /// <summary>
    /// Reads a finished run (history.jsonl, children/child-NNNNN model directories, controller.json if any) and computes
    /// K of every ok child's first-layer filters against <paramref name="masked"/>. <paramref name="progress"/> gets the fraction done.
    /// </summary>
    public static MaskedRun Measure(string runDirectory, IReadOnlyList<KnowledgeMotif> masked, KnowledgeOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(masked);
        if (masked.Count == 0)
        {
            throw new ArgumentException("at least one masked motif is needed", nameof(masked));
        }

        if (!Directory.Exists(runDirectory))
        {
            throw new InputException(runDirectory, 0, "run directory not found");
        }

        var historyPath = Path.Combine(runDirectory, HistoryFile);
        if (!File.Exists(historyPath))
        {
            throw new InputException(historyPath, 0, "missing: not a search or grid run directory");
        }

        var records = SearchHistory.Read(historyPath).Records;
        var ok = records.Where(r => r.IsOk).OrderBy(r => r.Trial).ToArray();
        if (ok.Length == 0)
        {
            throw new InputException(historyPath, 0, $"no successfully trained children among {records.Count} records");
        }

        var root = Path.Combine(runDirectory, "children");
        var children = new List<MaskedChild>(ok.Length);
        var skipped = new List<string>();
        for (int i = 0; i < ok.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = ok[i];
            var dir = ChildFiles.Directory(root, record.Trial);
            using var loaded = ModelDirectory.Load(dir);
            var bank = FilterBank.FromModel(loaded.Model);
            if (bank is null)
            {
                skipped.Add($"trial {record.Trial}: no first-layer convolution on 4 channels");
            }
            else
            {
                double k = KnowledgeDissimilarity.Compute(bank, masked, options).K;
                children.Add(new MaskedChild(record.Trial, record.Tokens, record.Layers, record.Loss!.Value, record.Knowledge, k, record.Reward));
            }

            progress?.Report((i + 1) / (double)ok.Length);
        }

        Architecture? converged = null;
        var statePath = ArchitectureSearch.StatePath(runDirectory);
        if (File.Exists(statePath))
        {
            // The update rule plays no part in the argmax path; any rule restores the policy weights.
            converged = ArchitectureController.Load(statePath, new ReinforceUpdate()).Converged();
        }

        return new MaskedRun(children, records.Count, skipped, converged);
    }

    /// <summary>
    /// Selects the best <see cref="MaskedKnowledgeOptions.Selected"/> children by reward (ties: lower trial) plus every
    /// child of the <paramref name="converged"/> architecture; matches each selected child to the
    /// <see cref="MaskedKnowledgeOptions.Neighbours"/> non-selected children nearest in validation loss (ties: lower
    /// trial); the controls are the union of the matches. Reports mean masked K of both groups, their difference
    /// (selected − controls) and a one-sided permutation p-value: the fraction of relabelings of the pooled children
    /// (group sizes kept) whose difference is ≤ the observed one.
    /// </summary>
    public static MaskedKnowledgeResult Analyze(IReadOnlyList<MaskedChild> children, Architecture? converged, MaskedKnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Selected < 0 || options.Neighbours < 1)
        {
            throw new ArgumentException("need Selected >= 0 and Neighbours >= 1", nameof(options));
        }

        var byReward = children.OrderByDescending(c => c.Reward).ThenBy(c => c.Trial).ToArray();
        var reasons = new Dictionary<int, string>();
        foreach (var c in byReward.Take(options.Selected))
        {
            reasons[c.Trial] = "top";
        }

        if (converged is not null)
        {
            foreach (var c in children.Where(c => c.Tokens.SequenceEqual(converged.Tokens)))
            {
                reasons.TryAdd(c.Trial, "converged");
            }
        }

        var selected = byReward.Where(c => reasons.ContainsKey(c.Trial)).ToArray();
        var others = children.Where(c => !reasons.ContainsKey(c.Trial)).OrderBy(c => c.Trial).ToArray();
        var controlTrials = new SortedSet<int>();
        var selectedOut = new List<SelectedChild>(selected.Length);
        foreach (var s in selected)
        {
            var matches = others.OrderBy(c => Math.Abs(c.Loss - s.Loss)).ThenBy(c => c.Trial).Take(options.Neighbours).ToArray();
            foreach (var m in matches)
            {
                controlTrials.Add(m.Trial);
            }

            selectedOut.Add(new SelectedChild(s, reasons[s.Trial], matches.Select(m => m.Trial).ToArray(),
                matches.Length == 0 ? double.NaN : matches.Average(m => m.MaskedK)));
        }

        var controls = others.Where(c => controlTrials.Contains(c.Trial)).ToArray();
        double meanSelected = selected.Length == 0 ? double.NaN : selected.Average(c => c.MaskedK);
        double meanControls = controls.Length == 0 ? double.NaN : controls.Average(c => c.MaskedK);
        double p = double.NaN;
        bool exact = true;
        long relabelings = 0;
        if (selected.Length > 0 && controls.Length > 0)
        {
            var pooled = selected.Select(c => c.MaskedK).Concat(controls.Select(c => c.MaskedK)).ToArray();
            (p, exact, relabelings) = PermutationPValue(pooled, selected.Length, options);
        }

        return new MaskedKnowledgeResult(selectedOut, controls, meanSelected, meanControls, meanSelected - meanControls, p, exact, relabelings, children.Count);
    }

    /// <summary>
    /// One-sided permutation p-value that the first <paramref name="groupSize"/> values of <paramref name="pooled"/> have a
    /// lower mean than the rest. With the group sizes fixed the difference of means is monotone in the group's sum, so a
    /// relabeling counts when its group sum is ≤ the observed sum (with a relative tolerance of 1e-9 for rounding).
    /// Exact (every subset, the observed one included) when C(n, m) ≤ <see cref="MaskedKnowledgeOptions.ExactLimit"/>;
    /// otherwise (1 + hits) / (1 + P) over P seeded random relabelings.
    /// </summary>
    internal static (double P, bool Exact, long Relabelings) PermutationPValue(IReadOnlyList<double> pooled, int groupSize, MaskedKnowledgeOptions options)
    {
        int n = pooled.Count;
        double observed = 0;
        for (int i = 0; i < groupSize; i++)
        {
            observed += pooled[i];
        }

        double scale = 0;
        foreach (var v in pooled)
        {
            scale += Math.Abs(v);
        }

        double threshold = observed + (1e-9 * Math.Max(scale, 1e-300));
        double combinations = Binomial(n, groupSize);
        if (combinations <= options.ExactLimit)
        {
            long hits = 0;
            long total = 0;
            Enumerate(pooled, groupSize, 0, 0.0, threshold, ref hits, ref total);
            return ((double)hits / total, true, total);
        }

        var random = new Random(options.Seed);
        var index = Enumerable.Range(0, n).ToArray();
        long count = 0;
        for (int p = 0; p < options.Permutations; p++)
        {
            // Partial Fisher–Yates: the first groupSize slots become a uniform random subset.
            double sum = 0;
            for (int i = 0; i < groupSize; i++)
            {
                int j = random.Next(i, n);
                (index[i], index[j]) = (index[j], index[i]);
                sum += pooled[index[i]];
            }

            if (sum <= threshold)
            {
                count++;
            }
        }

        return ((1.0 + count) / (1.0 + options.Permutations), false, options.Permutations);
    }

    private static void Enumerate(IReadOnlyList<double> values, int remaining, int start, double sum, double threshold, ref long hits, ref long total)
    {
        if (remaining == 0)
        {
            total++;
            if (sum <= threshold)
            {
                hits++;
            }

            return;
        }

        for (int i = start; i <= values.Count - remaining; i++)
        {
            Enumerate(values, remaining - 1, i + 1, sum + values[i], threshold, ref hits, ref total);
        }
    }

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (int i = 1; i <= k; i++)
        {
            c = c * (n - k + i) / i;
        }

        return c;
    }
}
