using System.Globalization;
using System.Text.Json;
using Motiflens.IO;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Html;

namespace Motiflens.Reporting.Reports;

/// <summary>
/// The report of a search run folder, read through its files only (docs/search.md): search.json (settings),
/// history.jsonl (one record per child), best/1 (the best child's model directory).
/// </summary>
internal static class SearchReport
{
    public const string HistoryFile = "history.jsonl";
    public const string SettingsFile = "search.json";

    /// <summary>The run's evaluation context (written by the search): data, knowledge file and motif ids.</summary>
    public const string EvaluationFile = "evaluation.json";

    /// <summary>One child of history.jsonl (the fields the report uses).</summary>
    private sealed record Child(int Trial, int Episode, int[] Tokens, string[] Layers, double Loss, double Knowledge, double Reward, bool Ok, string? Reason, double WallSeconds);

    /// <summary>An architecture with the medians of its children.</summary>
    private sealed record Architecture(string Layers, int Children, double MedianLoss, double MedianKnowledge, double Reward, double BestReward);

    public static HtmlReport Build(string dir, ReportOptions options, List<string> notes, CancellationToken ct)
    {
        var settingsPath = Path.Combine(dir, SettingsFile);
        var settings = new Dictionary<string, JsonElement>();
        if (File.Exists(settingsPath))
        {
            using var doc = ModelReport.ReadJson(settingsPath);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(settingsPath, 1, "expected a JSON object of settings");
            }

            foreach (var p in doc.RootElement.EnumerateObject())
            {
                settings[p.Name] = p.Value.Clone();
            }
        }
        else
        {
            notes.Add("no search.json");
        }

        // The knowledge file and motif ids the children were scored against live in the run's evaluation.json.
        var evaluationPath = Path.Combine(dir, EvaluationFile);
        if (File.Exists(evaluationPath))
        {
            using var doc = ModelReport.ReadJson(evaluationPath);
            foreach (var key in new[] { "knowledge", "motifs" })
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(key, out var value)
                    && value.ValueKind is JsonValueKind.String or JsonValueKind.Array)
                {
                    settings.TryAdd(key, value.Clone());
                }
            }
        }

        var children = ReadHistory(Path.Combine(dir, HistoryFile), notes);
        double lambda = settings.TryGetValue("lambda", out var l) && l.TryGetDouble(out var lv) ? lv : Lambda(children);
        var html = new HtmlReport("Motiflens search report", $"search run {Path.GetFullPath(dir)}: {children.Count} children, {children.Count(c => !c.Ok)} failed");

        html.Section("Settings");
        html.Table(["setting", "value"], settings.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value.ToString()]));

        html.Section("Rewards over children");
        Progress(html, children);

        html.Section("Choices per layer over episodes");
        Choices(html, children, settings);

        html.Section("Best architectures");
        BestTables(html, children, lambda);

        html.Section("Best model");
        BestModel(html, dir, children, settings, options, notes, ct);
        return html;
    }

    private static List<Child> ReadHistory(string path, List<string> notes)
    {
        var lines = File.ReadAllLines(path);
        var children = new List<Child>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException ex)
            {
                if (i == lines.Length - 1)
                {
                    // A last line cut short by kill -9, as the search itself treats it.
                    notes.Add($"{path}:{i + 1}: incomplete last line ignored");
                    continue;
                }

                throw new InputException(path, i + 1, $"invalid JSON: {ex.Message}");
            }

            using (doc)
            {
                var r = doc.RootElement;
                try
                {
                    children.Add(new Child(
                        r.GetProperty("trial").GetInt32(),
                        r.TryGetProperty("episode", out var e) ? e.GetInt32() : 0,
                        r.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray(),
                        r.TryGetProperty("layers", out var ls) && ls.ValueKind == JsonValueKind.Array ? ls.EnumerateArray().Select(x => x.ToString()).ToArray() : [],
                        ReportText.Number(r, "loss"), ReportText.Number(r, "knowledge"), ReportText.Number(r, "reward"),
                        !r.TryGetProperty("status", out var s) || s.ToString() == "ok",
                        r.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
                        ReportText.Number(r, "wall_seconds")));
                }
                catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new InputException(path, i + 1, $"expected a child record with trial, episode and tokens: {ex.Message}");
                }
            }
        }

        return children;
    }

    private static double Lambda(List<Child> children)
    {
        // Without search.json: λ = (−R − L) / K from any child with K > 0.
        foreach (var c in children)
        {
            if (c.Ok && c.Knowledge > 0 && double.IsFinite(c.Reward))
            {
                return (-c.Reward - c.Loss) / c.Knowledge;
            }
        }

        return 0;
    }

    private static void Progress(HtmlReport html, List<Child> children)
    {
        var ok = children.Where(c => c.Ok && double.IsFinite(c.Reward)).OrderBy(c => c.Trial).ToList();
        if (ok.Count == 0)
        {
            html.Paragraph("No child finished successfully.", note: true);
            return;
        }

        var x = ok.Select(c => (double)c.Trial + 1).ToArray();
        var labels = ok.Select(c => $"trial {c.Trial} (episode {c.Episode + 1}): {string.Join(" | ", c.Layers)}").ToArray();
        double best = double.NegativeInfinity;
        var runningBest = ok.Select(c => best = Math.Max(best, c.Reward)).ToArray();

        // Per-episode median with the interquartile range as a band, plotted at the episode's last child.
        var episodes = ok.GroupBy(c => c.Episode).OrderBy(g => g.Key).ToList();
        var ex = episodes.Select(g => (double)g.Max(c => c.Trial) + 1).ToArray();
        var rewards = episodes.Select(g => g.Select(c => c.Reward).ToArray()).ToArray();
        html.Figure(LineChart.Render(
            [
                new LineSeries("child", x, ok.Select(c => c.Reward).ToArray()) { ShowLine = false, ShowPoints = true, Labels = labels },
                new LineSeries("best so far", x, runningBest),
                new LineSeries("episode median (IQR band)", ex, rewards.Select(ReportText.Median).ToArray())
                {
                    Lower = rewards.Select(r => ReportText.Quantile(r, 0.25)).ToArray(),
                    Upper = rewards.Select(r => ReportText.Quantile(r, 0.75)).ToArray(),
                    ShowPoints = true,
                },
            ], "Reward R = −(L + λ·K) per child", "child (trial + 1)", "reward", integerX: true),
            "each child's reward (hover a point for its architecture), the best so far, and each episode's median with its interquartile range");
        html.Figure(LineChart.Render(
            [
                new LineSeries("validation loss L", x, ok.Select(c => c.Loss).ToArray()) { ShowPoints = true, Labels = labels },
                new LineSeries("knowledge dissimilarity K", x, ok.Select(c => c.Knowledge).ToArray()) { ShowPoints = true, Labels = labels },
            ], "L and K per child", "child (trial + 1)", "value", integerX: true),
            "validation loss L and knowledge dissimilarity K of every child that finished");
    }

    private static void Choices(HtmlReport html, List<Child> children, Dictionary<string, JsonElement> settings)
    {
        if (children.Count == 0)
        {
            return;
        }

        int layers = children.Max(c => c.Tokens.Length);
        int[] counts = settings.TryGetValue("option_counts", out var oc) && oc.ValueKind == JsonValueKind.String
            ? oc.GetString()!.Split('x').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray()
            : [];
        var episodes = children.Select(c => c.Episode).Distinct().Order().ToArray();
        html.Paragraph("The controller's probabilities are not stored in the run folder, so each cell is the frequency of that choice among the children sampled in the episode "
            + "(the elite replayed in each update is not a sample and is not counted).", note: true);
        for (int t = 0; t < layers; t++)
        {
            int options = Math.Max(counts.Length > t ? counts[t] : 0, children.Max(c => c.Tokens.Length > t ? c.Tokens[t] + 1 : 0));
            var names = new string[options];
            for (int o = 0; o < options; o++)
            {
                var seen = children.FirstOrDefault(c => c.Tokens.Length > t && c.Tokens[t] == o && c.Layers.Length > t);
                names[o] = $"{o}: {(seen is null ? "(never sampled)" : seen.Layers[t])}";
            }

            var values = new double[options * episodes.Length];
            for (int e = 0; e < episodes.Length; e++)
            {
                var inEpisode = children.Where(c => c.Episode == episodes[e] && c.Tokens.Length > t).ToArray();
                for (int o = 0; o < options; o++)
                {
                    values[(o * episodes.Length) + e] = inEpisode.Length == 0 ? double.NaN : inEpisode.Count(c => c.Tokens[t] == o) / (double)inEpisode.Length;
                }
            }

            html.Figure(Heatmap.Render(values, names, episodes.Select(e => (e + 1).ToString(CultureInfo.InvariantCulture)).ToArray(),
                    $"Layer {t + 1}: choice frequency per episode", "episode", valueName: "frequency"),
                $"layer {t + 1}: how often each option was sampled in each episode");
        }
    }

    private static void BestTables(HtmlReport html, List<Child> children, double lambda)
    {
        var ok = children.Where(c => c.Ok && double.IsFinite(c.Reward)).ToList();
        var architectures = ok.GroupBy(c => string.Join(',', c.Tokens))
            .Select(g =>
            {
                double l = ReportText.Median(g.Select(c => c.Loss).ToArray());
                double k = ReportText.Median(g.Select(c => c.Knowledge).ToArray());
                return new Architecture(string.Join(" | ", g.First().Layers), g.Count(), l, k, -(l + (lambda * k)), g.Max(c => c.Reward));
            })
            .OrderByDescending(a => a.Reward).ThenBy(a => a.Layers, StringComparer.Ordinal).Take(10).ToList();
        html.Paragraph($"Architectures ranked by the reward of their median L and median K over all their children (λ = {lambda.ToString("G4", CultureInfo.InvariantCulture)}).", note: true);
        html.Table(["rank", "architecture", "children", "median L", "median K", "reward of medians", "best child reward"],
            architectures.Select((a, i) => (IReadOnlyList<string>)[ReportText.I(i + 1), a.Layers, ReportText.I(a.Children), ReportText.F(a.MedianLoss), ReportText.F(a.MedianKnowledge), ReportText.F(a.Reward), ReportText.F(a.BestReward)]),
            cssClass: "best-architectures");
        if (architectures.Count > 1)
        {
            html.Figure(BarChart.Render(architectures.Select((_, i) => "#" + ReportText.I(i + 1)).ToArray(),
                [new("median L", architectures.Select(a => a.MedianLoss).ToArray()), new("median K", architectures.Select(a => a.MedianKnowledge).ToArray())],
                "Median L and K of the best architectures", "architecture rank (table above)", "value"), "median validation loss and knowledge dissimilarity of the ranked architectures");
        }

        var failed = children.Where(c => !c.Ok).ToList();
        if (failed.Count > 0)
        {
            html.Subheading($"Failed children ({failed.Count})");
            html.Table(["trial", "episode", "architecture", "reason"],
                failed.Take(50).Select(c => (IReadOnlyList<string>)[ReportText.I(c.Trial), ReportText.I(c.Episode + 1), string.Join(" | ", c.Layers), c.Reason ?? string.Empty]),
                failed.Take(50).Select(_ => (string?)"failed").ToArray());
        }
    }

    private static void BestModel(HtmlReport html, string dir, List<Child> children, Dictionary<string, JsonElement> settings, ReportOptions options, List<string> notes, CancellationToken ct)
    {
        var best = children.Where(c => c.Ok && double.IsFinite(c.Reward)).OrderByDescending(c => c.Reward).ThenBy(c => c.Trial).FirstOrDefault();
        string? modelDir = new[] { Path.Combine(dir, "best", "1"), best is null ? null : Path.Combine(dir, "children", $"child-{best.Trial:D5}") }
            .FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "model.json")) && File.Exists(Path.Combine(d, "weights.npz")));
        if (modelDir is null)
        {
            html.Paragraph("No trained model of the best child is in the run folder (best/1 or children/child-NNNNN).", note: true);
            notes.Add("no best model directory");
            return;
        }

        string? knowledge = options.Knowledge ?? (settings.TryGetValue("knowledge", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null);
        IReadOnlyList<string> motifs = options.Motifs.Count > 0 ? options.Motifs
            : settings.TryGetValue("motifs", out var m) && m.ValueKind == JsonValueKind.Array ? m.EnumerateArray().Select(x => x.ToString()).ToArray() : [];
        if (knowledge is not null && !Path.IsPathRooted(knowledge) && !File.Exists(knowledge) && File.Exists(Path.Combine(dir, knowledge)))
        {
            knowledge = Path.Combine(dir, knowledge);
        }

        if (knowledge is null)
        {
            html.Paragraph("The run's settings name no knowledge file; pass --knowledge FILE to see the known motifs above their best-matching filters.", note: true);
        }

        html.Paragraph($"Model directory {Path.GetFullPath(modelDir)}{(best is null ? string.Empty : $", trial {best.Trial}: {string.Join(" | ", best.Layers)}")}.");
        html.Subheading("Training curves");
        ModelReport.TrainingCurves(html, Path.Combine(modelDir, "training.tsv"), notes);
        html.Subheading("Filters");
        FilterSection.Add(html, modelDir, FilterSection.LoadMotifs(knowledge, motifs), options.MaxFilters, notes);
        if (options.Data is not null && options.Examples > 0)
        {
            html.Subheading("Example attribution maps");
            ModelReport.Attributions(html, modelDir, options, ct);
        }
    }
}
