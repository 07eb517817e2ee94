using System.Globalization;
using Motiflens.Engine.Checkpoints;
using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Knowledge;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Html;

namespace Motiflens.Reporting.Reports;

/// <summary>
/// Logos of a model's first-layer filters (decoded with a softmax at temperature 0.1, as the knowledge
/// dissimilarity K sees them) and, given known motifs, each motif beside the filter that matches it best.
/// </summary>
internal static class FilterSection
{
    /// <summary>Adds the filter logos of <paramref name="modelDirectory"/> to the current section.</summary>
    public static void Add(HtmlReport html, string modelDirectory, IReadOnlyList<PositionWeightMatrix> motifs, int maxFilters, List<string> notes)
    {
        FilterBank? bank;
        using (var loaded = ModelDirectory.Load(modelDirectory, threads: 1))
        {
            bank = FilterBank.FromModel(loaded.Model);
        }

        if (bank is null)
        {
            html.Paragraph("This model has no first convolution layer reading A, C, G, T: no filters to draw.", note: true);
            notes.Add("no first-layer filters");
            return;
        }

        var decoded = FilterDecoder.Decode(bank);
        int width = bank.Width;
        if (motifs.Count > 0)
        {
            var result = KnowledgeDissimilarity.Compute(bank, motifs.Select(KnowledgeMotif.From).ToArray());
            html.Subheading($"Known motifs beside their best-matching filters (K = {ReportText.F(result.K)})");
            for (int m = 0; m < result.Matches.Count; m++)
            {
                var match = result.Matches[m];
                var motif = match.Strand == '-' ? motifs[m].ReverseComplement() : motifs[m];
                html.Figure(SequenceLogo.Render(motif.Probabilities, $"{motifs[m].Id} {(motifs[m].Name != motifs[m].Id ? motifs[m].Name : string.Empty)}{(match.Strand == '-' ? " (reverse complement)" : string.Empty)}".Trim(), columnWidth: 18),
                    $"known motif {motifs[m].Id}");
                html.Figure(SequenceLogo.Render(decoded.AsSpan(match.Filter * width * 4, width * 4), $"filter {match.Filter + 1}", columnWidth: 18),
                    $"best match of {match.Motif}: filter {match.Filter + 1}, d = {ReportText.F(match.Distance)} nats, motif offset {match.Offset.ToString(CultureInfo.InvariantCulture)} relative to the filter, strand {match.Strand}");
            }
        }

        int shown = Math.Min(bank.Count, maxFilters);
        html.Subheading($"First-layer filters ({bank.Count} of width {width}{(shown < bank.Count ? $"; the first {shown} shown" : string.Empty)})");
        for (int f = 0; f < shown; f++)
        {
            html.Figure(SequenceLogo.Render(decoded.AsSpan(f * width * 4, width * 4), $"filter {f + 1}", columnWidth: 18),
                $"filter {f + 1} decoded with softmax(W / 0.1), information content in bits");
        }
    }

    /// <summary>Reads <paramref name="path"/>'s motifs, keeping only <paramref name="names"/> when given.</summary>
    public static IReadOnlyList<PositionWeightMatrix> LoadMotifs(string? path, IReadOnlyList<string> names)
    {
        if (path is null)
        {
            return [];
        }

        var motifs = MotifReader.Read(path);
        return names.Count > 0 ? MotifReader.Select(motifs, names, path) : motifs;
    }
}
