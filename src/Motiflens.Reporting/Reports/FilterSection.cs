using System.Globalization;
using Motiflens.Engine.Checkpoints;
using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Knowledge;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Html;
using Motiflens.Reporting.Svg;

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
            html.Subheading($"Known motifs above their best-matching filters (K = {ReportText.F(result.K)})");
            for (int m = 0; m < result.Matches.Count; m++)
            {
                var match = result.Matches[m];
                html.Figure(MatchFigure(motifs[m], match, decoded.AsSpan(match.Filter * width * 4, width * 4), width, LogoMode.Information),
                    $"{motifs[m].Id}{(motifs[m].Name != motifs[m].Id ? " " + motifs[m].Name : string.Empty)}: best match filter {match.Filter + 1}, "
                    + $"d = {ReportText.F(match.Distance)} nats, strand {match.Strand}, motif offset {match.Offset.ToString(CultureInfo.InvariantCulture)} relative to the filter (aligned as matched)");
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

    /// <summary>
    /// A known motif (reverse-complemented when matched on the − strand) above its best-matching filter, both drawn
    /// over the same positions so that the motif sits where it matched (empty columns where one of them has no row).
    /// </summary>
    public static string MatchFigure(PositionWeightMatrix motif, KnowledgeMatch match, ReadOnlySpan<double> filter, int width, LogoMode mode)
    {
        var oriented = match.Strand == '-' ? motif.ReverseComplement() : motif;
        int start = Math.Min(0, match.Offset);
        int end = Math.Max(width, match.Offset + oriented.Width);
        int span = end - start;
        var top = Padded(oriented.Probabilities, match.Offset - start, span);
        var bottom = Padded(filter, -start, span);
        string motifTitle = motif.Id + (match.Strand == '-' ? " (reverse complement)" : string.Empty);
        return SvgLayout.Grid(
            [
                SequenceLogo.Render(top, motifTitle, mode, columnWidth: 18, positionLabel: null),
                SequenceLogo.Render(bottom, $"filter {match.Filter + 1} (d = {ReportText.F(match.Distance, 3)})", mode, columnWidth: 18),
            ], 1, $"{motifTitle} and filter {match.Filter + 1}", gap: 0, kind: "match");
    }

    /// <summary>An (span, 4) matrix: uniform rows (0 bits) with <paramref name="rows"/> placed from row <paramref name="at"/>.</summary>
    private static double[] Padded(ReadOnlySpan<double> rows, int at, int span)
    {
        var m = new double[span * 4];
        Array.Fill(m, 0.25);
        rows.CopyTo(m.AsSpan(at * 4));
        return m;
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
