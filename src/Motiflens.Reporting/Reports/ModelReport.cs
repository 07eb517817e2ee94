using System.Globalization;
using System.Text.Json;
using Motiflens.Engine.Checkpoints;
using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Attribution;
using Motiflens.IO;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Html;

namespace Motiflens.Reporting.Reports;

/// <summary>The report of one model directory: test metrics, training curves, filters as logos, example attribution maps.</summary>
internal static class ModelReport
{
    public static HtmlReport Build(string dir, ReportOptions options, List<string> notes, CancellationToken ct)
    {
        var html = new HtmlReport("Motiflens model report", $"model directory {Path.GetFullPath(dir)}");
        AddModel(html, dir, options, notes, "", ct);
        return html;
    }

    /// <summary>Adds the sections of one model (used by the model report and by the search report for its best model).</summary>
    public static void AddModel(HtmlReport html, string dir, ReportOptions options, List<string> notes, string prefix, CancellationToken ct)
    {
        html.Section(prefix + "Summary");
        var summary = new List<IReadOnlyList<string>>();
        Settings(Path.Combine(dir, ModelDirectory.ModelFile), summary);
        Metrics(Path.Combine(dir, ModelDirectory.MetricsFile), summary, notes);
        html.Table(["setting or metric", "value"], summary);

        html.Section(prefix + "Training curves");
        TrainingCurves(html, Path.Combine(dir, ModelDirectory.HistoryFile), notes);

        html.Section(prefix + "Filters");
        FilterSection.Add(html, dir, FilterSection.LoadMotifs(options.Knowledge, options.Motifs), options.MaxFilters, notes);

        if (options.Data is not null && options.Examples > 0)
        {
            html.Section(prefix + "Example attribution maps");
            Attributions(html, dir, options, ct);
        }
    }

    private static void Settings(string path, List<IReadOnlyList<string>> rows)
    {
        using var doc = ReadJson(path);
        var root = doc.RootElement;
        if (root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array)
        {
            rows.Add(["layers", string.Join(" | ", layers.EnumerateArray().Select(Describe))]);
        }

        foreach (var key in new[] { "input_length", "outputs", "loss" })
        {
            if (root.TryGetProperty(key, out var v))
            {
                rows.Add([key, v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()]);
            }
        }

        if (root.TryGetProperty("training", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in new[] { "epochs", "epochs_run", "best_epoch", "stopped_early", "batch_size", "lr", "optimizer", "seed" })
            {
                if (t.TryGetProperty(key, out var v))
                {
                    rows.Add(["training " + key, v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()]);
                }
            }
        }
    }

    private static string Describe(JsonElement layer)
    {
        if (layer.ValueKind != JsonValueKind.Object)
        {
            return layer.ToString();
        }

        string type = layer.TryGetProperty("type", out var t) ? t.ToString() : "layer";
        var parameters = layer.EnumerateObject().Where(p => p.Name != "type").Select(p => $"{p.Name}={p.Value}");
        return $"{type}({string.Join(", ", parameters)})";
    }

    private static void Metrics(string path, List<IReadOnlyList<string>> rows, List<string> notes)
    {
        if (!File.Exists(path))
        {
            notes.Add("no metrics.json");
            return;
        }

        using var doc = ReadJson(path);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Number)
            {
                rows.Add(["test " + p.Name, p.Value.TryGetDouble(out var d) && Math.Abs(d - Math.Round(d)) > 0 ? ReportText.F(d) : p.Value.ToString()]);
            }
        }
    }

    /// <summary>Loss curves (train and validation) and validation AUROC/AUPR per epoch from training.tsv.</summary>
    internal static void TrainingCurves(HtmlReport html, string path, List<string> notes)
    {
        if (!File.Exists(path))
        {
            html.Paragraph("No training.tsv: no training history to draw.", note: true);
            notes.Add("no training.tsv");
            return;
        }

        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 2)
        {
            html.Paragraph("training.tsv holds no epochs.", note: true);
            return;
        }

        var header = lines[0].Split('\t');
        var columns = header.Select(_ => new List<double>()).ToArray();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split('\t');
            if (cells.Length != header.Length)
            {
                throw new InputException(path, i + 1, $"expected {header.Length} tab-separated cells, found {cells.Length}");
            }

            for (int c = 0; c < cells.Length; c++)
            {
                columns[c].Add(cells[c].Length == 0 ? double.NaN
                    : double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                    : throw new InputException(path, i + 1, $"column {header[c]}: expected a number, found '{cells[c]}'"));
            }
        }

        IReadOnlyList<double>? Column(string name) => Array.IndexOf(header, name) is var k and >= 0 && columns[k].Any(double.IsFinite) ? columns[k] : null;
        var epoch = Column("epoch") ?? Enumerable.Range(1, lines.Length - 1).Select(e => (double)e).ToArray();
        var losses = new List<LineSeries>();
        if (Column("train_loss") is { } train)
        {
            losses.Add(new LineSeries("training loss", epoch, train) { ShowPoints = true });
        }

        if (Column("val_loss") is { } val)
        {
            losses.Add(new LineSeries("validation loss", epoch, val) { ShowPoints = true });
        }

        if (losses.Count > 0)
        {
            html.Figure(LineChart.Render(losses, "Loss per epoch", "epoch", "loss", integerX: true), "training and validation loss after each epoch");
        }

        var scores = new List<LineSeries>();
        foreach (var (name, label) in new[] { ("val_auroc", "validation AUROC"), ("val_aupr", "validation AUPR"), ("val_pearson", "validation Pearson r"), ("val_spearman", "validation Spearman ρ") })
        {
            if (Column(name) is { } values)
            {
                scores.Add(new LineSeries(label, epoch, values) { ShowPoints = true });
            }
        }

        if (scores.Count > 0)
        {
            html.Figure(LineChart.Render(scores, "Validation scores per epoch", "epoch", "score", integerX: true), "validation metrics after each epoch");
        }
    }

    /// <summary>Saliency × input maps of the first positive sequences of <see cref="ReportOptions.Data"/>.</summary>
    internal static void Attributions(HtmlReport html, string dir, ReportOptions options, CancellationToken ct)
    {
        var dataset = SequenceDataset.Load(options.Data!);
        var split = dataset.TryGet("test") ?? dataset.TryGet("valid") ?? dataset.Splits[0];
        var rows = new List<int>();
        for (int i = 0; i < split.Count && rows.Count < options.Examples; i++)
        {
            if (split.Target(i)[0] > 0.5f)
            {
                rows.Add(i);
            }
        }

        if (rows.Count == 0)
        {
            html.Paragraph($"The {split.Name} split of {options.Data} has no positive sequence (first task) to explain.", note: true);
            return;
        }

        var subset = split.Subset(split.Name, rows.ToArray());
        float[] maps;
        using (var loaded = ModelDirectory.Load(dir, options.Threads))
        {
            if (loaded.Spec.InputLength != subset.Length)
            {
                throw new InputException(options.Data!, split.Name, $"sequences are {subset.Length} nt long; the model reads {loaded.Spec.InputLength}");
            }

            maps = AttributionRunner.Run(loaded.Model, subset.Codes, subset.Length, new Saliency(), cancellationToken: ct);
        }

        html.Paragraph("Saliency × input (the gradient of output 0 at the observed base) of the first positive sequences of the "
            + $"{split.Name} split; shaded positions are planted motifs (information > 0.1 bit in the generating PWM) when the data has ground truth.", note: true);
        for (int r = 0; r < rows.Count; r++)
        {
            var track = GradientTimesInput(maps.AsSpan(r * subset.Length * 4, subset.Length * 4), subset.Sequence(r));
            var highlight = subset.Pwm is null ? default : MotifPositions(subset.PwmOf(r));
            html.Figure(AttributionTrack.Render(track, $"{split.Name} sequence {rows[r]}", columnWidth: Math.Clamp(1000.0 / subset.Length, 3, 16), highlight: highlight),
                $"saliency × input, {split.Name} sequence {rows[r]}");
        }
    }

    /// <summary>The map kept only at the observed base of each position (zero at N).</summary>
    internal static float[] GradientTimesInput(ReadOnlySpan<float> map, ReadOnlySpan<byte> codes)
    {
        var track = new float[map.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] < 4)
            {
                track[(i * 4) + codes[i]] = map[(i * 4) + codes[i]];
            }
        }

        return track;
    }

    /// <summary>Positions whose generating PWM row carries more than 0.1 bit.</summary>
    internal static bool[] MotifPositions(ReadOnlySpan<float> pwm)
    {
        var flags = new bool[pwm.Length / 4];
        for (int i = 0; i < flags.Length; i++)
        {
            double info = 2;
            for (int c = 0; c < 4; c++)
            {
                double p = pwm[(i * 4) + c];
                if (p > 0)
                {
                    info += p * Math.Log2(p);
                }
            }

            flags[i] = info > 0.1;
        }

        return flags;
    }

    internal static JsonDocument ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "missing");
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InputException(path, (ex.LineNumber ?? -1) + 1, $"invalid JSON: {ex.Message}");
        }
    }
}
