using System.Globalization;
using System.Text.Json;
using Motiflens.IO;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Html;

namespace Motiflens.Reporting.Reports;

/// <summary>
/// The report of a model population (population.json): the original and the enhanced KLD against ground-truth SNR,
/// AUROC against the multi-scale KLD, how each metric ranks the models (Spearman ρ with SNR), attribution maps of
/// matched-performance pairs, and the table of models.
/// </summary>
internal static class PopulationReport
{
    public const string File = "population.json";

    /// <summary>File names (in a model's directory) searched for its example attribution maps.</summary>
    /// <summary>The examples file a population member keeps next to its model directory.</summary>
    public const string PopulationExamplesFile = "examples.npz";

    public static readonly IReadOnlyList<string> ExampleFiles = ["attr-examples.npz", "attr-examples.npy", "attr_examples.npz", "attr_examples.npy", "examples.attr.npz", "examples.attr.npy"];

    private static readonly string[] Ks = ["3", "4", "5", "6", "7", "8"];

    private sealed record Member(string Id, string Activation, string Regularization, string BatchNorm, string Seed, string Status, string Reason,
        double TestLoss, double Auroc, double Aupr, double Snr, double InterpAuroc, double KldOriginal, double[] KldWeighted, double KldMultiscale,
        double TrainSeconds, string ModelDir);

    public static HtmlReport Build(string dir, ReportOptions options, List<string> notes)
    {
        var path = Path.Combine(dir, File);
        using var doc = ModelReport.ReadJson(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("models", out var modelsElement) || modelsElement.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(path, 1, "expected an object with a \"models\" array");
        }

        var members = new List<Member>();
        int index = 0;
        foreach (var m in modelsElement.EnumerateArray())
        {
            index++;
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(path, $"models[{index - 1}]", "expected an object");
            }

            string id = ReportText.Text(m, "id");
            if (id.Length == 0)
            {
                throw new InputException(path, $"models[{index - 1}]", "missing \"id\"");
            }

            var weighted = m.TryGetProperty("kld_weighted", out var w) && w.ValueKind == JsonValueKind.Object
                ? Ks.Select(k => ReportText.Number(w, k)).ToArray()
                : Ks.Select(_ => double.NaN).ToArray();
            members.Add(new Member(id, ReportText.Text(m, "activation"), ReportText.Text(m, "regularization"), ReportText.Text(m, "batchnorm"),
                ReportText.Text(m, "seed"), ReportText.Text(m, "status") is { Length: > 0 } s ? s : "ok", ReportText.Text(m, "reason"),
                ReportText.Number(m, "test_loss"), ReportText.Number(m, "test_auroc"), ReportText.Number(m, "test_aupr"), ReportText.Number(m, "snr"),
                ReportText.Number(m, "interp_auroc"), ReportText.Number(m, "kld_original"), weighted, ReportText.Number(m, "kld_multiscale"),
                ReportText.Number(m, "train_seconds"), ReportText.Text(m, "model_dir")));
        }

        var ok = members.Where(m => m.Status == "ok").ToList();
        string data = ReportText.Text(root, "data");
        string grid = ReportText.Text(root, "grid");
        var html = new HtmlReport("Motiflens population report",
            $"population {Path.GetFullPath(dir)}: {members.Count} models ({members.Count - ok.Count} failed){(grid.Length > 0 ? $", grid {grid}" : string.Empty)}{(data.Length > 0 ? $", data {data}" : string.Empty)}");

        html.Section("Reliability metrics against ground truth");
        html.Paragraph("Each point is a model (hover for its id), coloured by activation. Spearman ρ over all models is in the corner; "
            + "the enhanced (multi-scale, attribution-weighted) KLD should rank models by interpretability better than the original KLD.", note: true);
        html.Figure(ScatterPlot.Render(ByActivation(ok, m => m.Snr, m => m.KldOriginal), "Original KLD vs SNR", "SNR", "original KLD (nats)"),
            "original KLD (k = 6, threshold q = 0.9) against the ground-truth SNR of the attribution maps");
        html.Figure(ScatterPlot.Render(ByActivation(ok, m => m.Snr, m => m.KldMultiscale), "Multi-scale KLD vs SNR", "SNR", "multi-scale KLD (nats)"),
            "enhanced metric: attribution-weighted KLD over k = 3..8 with calibrated length weights, against SNR");
        html.Figure(ScatterPlot.Render(ByActivation(ok, m => m.KldMultiscale, m => m.Auroc), "Test AUROC vs multi-scale KLD", "multi-scale KLD (nats)", "test AUROC"),
            "predictive performance against the enhanced reliability metric");

        var metricNames = new List<string> { "original" };
        var rhos = new List<double> { Rho(ok, m => m.KldOriginal) };
        for (int k = 0; k < Ks.Length; k++)
        {
            metricNames.Add("k=" + Ks[k]);
            int kk = k;
            rhos.Add(Rho(ok, m => m.KldWeighted[kk]));
        }

        metricNames.Add("multi-scale");
        rhos.Add(Rho(ok, m => m.KldMultiscale));
        html.Figure(BarChart.Render(metricNames, [new("Spearman ρ with SNR", rhos)], "Spearman ρ of each KLD with SNR", "metric", "ρ"),
            "rank correlation with SNR of the original KLD, the attribution-weighted KLD at each k, and the multi-scale KLD");

        html.Section("Matched-performance pairs");
        Pairs(html, dir, root, members, options, notes);

        html.Section("Models");
        html.Table(["id", "activation", "regularization", "batchnorm", "seed", "status", "test loss", "test AUROC", "test AUPR", "SNR", "interp. AUROC", "original KLD", "multi-scale KLD", "train s", "reason"],
            members.Select(m => (IReadOnlyList<string>)[m.Id, m.Activation, m.Regularization, m.BatchNorm, m.Seed, m.Status, ReportText.F(m.TestLoss), ReportText.F(m.Auroc),
                ReportText.F(m.Aupr), ReportText.F(m.Snr), ReportText.F(m.InterpAuroc), ReportText.F(m.KldOriginal), ReportText.F(m.KldMultiscale), ReportText.F(m.TrainSeconds, 1), m.Reason]),
            members.Select(m => m.Status == "ok" ? null : (string?)"failed").ToArray(), "models");
        return html;
    }

    private static List<ScatterSeries> ByActivation(List<Member> members, Func<Member, double> x, Func<Member, double> y) =>
        members.GroupBy(m => m.Activation.Length > 0 ? m.Activation : "model").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ScatterSeries(g.Key, g.Select(m => new ScatterPoint(x(m), y(m), $"{m.Id} ({m.Regularization}{(m.BatchNorm.Length > 0 ? ", batchnorm " + m.BatchNorm : string.Empty)})")).ToArray()))
            .ToList();

    private static double Rho(List<Member> members, Func<Member, double> metric)
    {
        var pairs = members.Where(m => double.IsFinite(m.Snr) && double.IsFinite(metric(m))).ToArray();
        return pairs.Length < 3 ? double.NaN : Interpretation.Calibration.LengthWeightCalibration.Spearman(pairs.Select(m => m.Snr).ToArray(), pairs.Select(metric).ToArray());
    }

    private static void Pairs(HtmlReport html, string dir, JsonElement root, List<Member> members, ReportOptions options, List<string> notes)
    {
        if (!root.TryGetProperty("matched_pairs", out var pairs) || pairs.ValueKind != JsonValueKind.Array || pairs.GetArrayLength() == 0)
        {
            html.Paragraph("population.json lists no matched-performance pairs.", note: true);
            return;
        }

        html.Paragraph("Pairs of models with similar test AUROC but different multi-scale KLD: their attribution maps of the same positive test sequences "
            + "show what the reliability metric sees. Shaded positions are planted motifs when the examples carry ground truth.", note: true);
        var byId = members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        int shown = 0;
        foreach (var pair in pairs.EnumerateArray())
        {
            if (shown++ >= 6)
            {
                break;
            }

            string a = ReportText.Text(pair, "a"), b = ReportText.Text(pair, "b");
            html.Subheading($"{a} vs {b}");
            html.Table(["model", "test AUROC", "multi-scale KLD", "SNR"],
            [
                [a, ReportText.F(ReportText.Number(pair, "auroc_a")), ReportText.F(ReportText.Number(pair, "kld_multiscale_a")), ReportText.F(ReportText.Number(pair, "snr_a"))],
                [b, ReportText.F(ReportText.Number(pair, "auroc_b")), ReportText.F(ReportText.Number(pair, "kld_multiscale_b")), ReportText.F(ReportText.Number(pair, "snr_b"))],
            ]);
            var examplesA = Examples(dir, byId.GetValueOrDefault(a));
            var examplesB = Examples(dir, byId.GetValueOrDefault(b));
            if (examplesA is null || examplesB is null)
            {
                html.Paragraph($"No example attribution maps stored for {(examplesA is null ? a : b)} (looked for {string.Join(", ", ExampleFiles)} in its model_dir, and {PopulationExamplesFile} beside it).", note: true);
                notes.Add($"no attribution examples for pair {a} / {b}");
                continue;
            }

            int count = Math.Min(Math.Min(examplesA.Count, examplesB.Count), Math.Max(1, Math.Min(options.Examples, 2)));
            for (int e = 0; e < count; e++)
            {
                html.Paragraph($"Example sequence {e + 1}:");
                html.Figure(AttributionTrack.Render(examplesA.Track(e), $"{a}, example {e + 1}", Math.Clamp(640.0 / examplesA.Length, 2, 12), highlight: examplesA.Highlight(e)),
                    $"{a}: attribution × input of example sequence {e + 1}");
                html.Figure(AttributionTrack.Render(examplesB.Track(e), $"{b}, example {e + 1}", Math.Clamp(640.0 / examplesB.Length, 2, 12), highlight: examplesB.Highlight(e)),
                    $"{b}: attribution × input of example sequence {e + 1}");
            }
        }
    }

    private static AttributionExamples? Examples(string dir, Member? member)
    {
        if (member is null || member.ModelDir.Length == 0)
        {
            return null;
        }

        var modelDir = Path.IsPathRooted(member.ModelDir) ? member.ModelDir : Path.Combine(dir, member.ModelDir);
        foreach (var name in ExampleFiles)
        {
            var path = Path.Combine(modelDir, name);
            if (System.IO.File.Exists(path))
            {
                return AttributionExamples.Read(path);
            }
        }

        // `motiflens population` keeps a member's examples.npz beside its model directory (models/<id>/).
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(modelDir));
        var beside = parent is null ? null : Path.Combine(parent, PopulationExamplesFile);
        return beside is not null && System.IO.File.Exists(beside) ? AttributionExamples.Read(beside) : null;
    }
}
