using System.Globalization;
using System.Text.Json;
using Motiflens.Engine.Checkpoints;
using Motiflens.Genomics.Datasets;
using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Reports;

/// <summary>Single SVG figures for papers (the `motiflens plot` subcommands): a motif logo, a model's filters, one attribution map, a population scatter.</summary>
public static class PublicationFigures
{
    /// <summary>The logo of motif <paramref name="id"/> (id or name) of a motif file.</summary>
    public static string MotifLogo(string motifFile, string id, LogoMode mode = LogoMode.Information)
    {
        var motif = MotifReader.Select(MotifReader.Read(motifFile), [id], motifFile)[0];
        return SequenceLogo.Render(motif.Probabilities, motif.Name == motif.Id ? motif.Id : $"{motif.Id} {motif.Name}", mode);
    }

    /// <summary>
    /// The first-layer filters of a model as logos on a grid (<paramref name="columns"/> per row); with known motifs, each
    /// motif beside its best-matching filter first.
    /// </summary>
    public static string Filters(string modelDirectory, string? motifFile = null, IReadOnlyList<string>? motifIds = null, int columns = 4, LogoMode mode = LogoMode.Information)
    {
        FilterBank bank;
        using (var loaded = ModelDirectory.Load(modelDirectory, threads: 1))
        {
            bank = FilterBank.FromModel(loaded.Model)
                ?? throw new InputException(Path.Combine(modelDirectory, ModelDirectory.ModelFile), 0, "the model has no first convolution layer reading 4 channels (A, C, G, T)");
        }

        var decoded = FilterDecoder.Decode(bank);
        int size = bank.Width * 4;
        var panels = new List<string>();
        var motifs = FilterSection.LoadMotifs(motifFile, motifIds ?? []);
        if (motifs.Count > 0)
        {
            var result = KnowledgeDissimilarity.Compute(bank, motifs.Select(KnowledgeMotif.From).ToArray());
            for (int m = 0; m < motifs.Count; m++)
            {
                panels.Add(FilterSection.MatchFigure(motifs[m], result.Matches[m], decoded.AsSpan(result.Matches[m].Filter * size, size), bank.Width, mode));
            }
        }

        for (int f = 0; f < bank.Count; f++)
        {
            panels.Add(SequenceLogo.Render(decoded.AsSpan(f * size, size), $"filter {f + 1}", mode, columnWidth: 18));
        }

        return SvgLayout.Grid(panels, columns, $"first-layer filters of {modelDirectory}");
    }

    /// <summary>
    /// Attribution map <paramref name="index"/> of an .npy (N, L, 4) that explains split <paramref name="split"/> of a
    /// dataset, times the one-hot sequence (gradient × input), planted motifs shaded when the dataset has ground truth.
    /// </summary>
    public static string Attribution(string attributions, string dataPath, int index, string split = "test")
    {
        var maps = Npy.Read(attributions);
        if (maps.Rank != 3 || maps.Shape[2] != 4)
        {
            throw new InputException(attributions, 0, $"expected attribution maps (N, L, 4); found {maps.ShapeString}");
        }

        var data = SequenceDataset.Load(dataPath).TryGet(split) ?? throw new InputException(dataPath, split, "no such split");
        if (data.Count != maps.Shape[0] || data.Length != maps.Shape[1])
        {
            throw new InputException(attributions, 0, $"shape {maps.ShapeString} does not match the {split} split of {dataPath} ({data.Count}, {data.Length}, 4)");
        }

        if (index < 0 || index >= data.Count)
        {
            throw new InputException($"--index must be in 0..{data.Count - 1}; got {index}");
        }

        int l = data.Length;
        var values = maps.ToFloat32().AsSpan(index * l * 4, l * 4);
        var track = ModelReport.GradientTimesInput(values, data.Sequence(index));
        var highlight = data.Pwm is null ? default : ModelReport.MotifPositions(data.PwmOf(index));
        return AttributionTrack.Render(track, $"{split} sequence {index}", Math.Clamp(1000.0 / l, 3, 16), highlight: highlight);
    }

    /// <summary>
    /// Models of a population directory as points (<paramref name="x"/> against <paramref name="y"/>, any numeric key of
    /// its model rows, or kld_weighted.K for one k) with Spearman ρ; failed models are left out.
    /// </summary>
    public static string PopulationScatter(string directory, string x, string y)
    {
        var path = Path.Combine(directory, PopulationReport.File);
        using var doc = ModelReport.ReadJson(path);
        if (!doc.RootElement.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(path, 1, "expected an object with a \"models\" array");
        }

        var rows = models.EnumerateArray().Where(m => ReportText.Text(m, "status") is "" or "ok").ToArray();
        double Value(JsonElement m, string key)
        {
            var parts = key.Split('.', 2);
            return parts.Length == 2 && m.TryGetProperty(parts[0], out var inner) ? ReportText.Number(inner, parts[1]) : ReportText.Number(m, key);
        }

        foreach (var key in new[] { x, y })
        {
            if (!rows.Any(m => double.IsFinite(Value(m, key))))
            {
                throw new InputException(path, key, "no model has a number under this key (e.g. snr, kld_original, kld_multiscale, test_auroc, kld_weighted.6)");
            }
        }

        var series = rows.GroupBy(m => ReportText.Text(m, "activation") is { Length: > 0 } a ? a : "model").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ScatterSeries(g.Key, g.Select(m => new ScatterPoint(Value(m, x), Value(m, y), ReportText.Text(m, "id"))).ToArray()))
            .ToArray();
        return ScatterPlot.Render(series, $"{y} vs {x}", x, y);
    }
}
