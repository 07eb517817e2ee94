using System.Globalization;
using System.Text;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Html;

/// <summary>
/// Builds one self-contained HTML page: inline CSS, inline SVG charts, tables, no scripts and no external resources
/// (hover information comes from SVG &lt;title&gt; elements). Sections get anchors and a table of contents.
/// </summary>
public sealed class HtmlReport
{
    private const string Css = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
        header{background:#1f3b57;color:#fff;padding:18px 28px}
        header h1{margin:0;font-size:22px}
        header p{margin:4px 0 0;color:#cfe0ef;font-size:13px}
        main{padding:8px 28px 40px;max-width:1500px}
        nav{font-size:13px;margin:12px 0}
        nav a{margin-right:14px;color:#1f5f99}
        section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:6px 18px 16px;margin:16px 0}
        h2{font-size:18px;color:#1f3b57;border-bottom:1px solid #e2e2e2;padding-bottom:4px}
        h3{font-size:15px;margin:14px 0 6px}
        p.note{color:#666;font-size:13px}
        .figures{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
        figure{margin:0;overflow-x:auto;max-width:100%}
        figcaption{font-size:12px;color:#555;max-width:560px}
        table{border-collapse:collapse;font-size:13px;margin:6px 0}
        th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#f0f4f8}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.failed td{color:#a33}
        .table-wrap{overflow-x:auto}
        .table-wrap.long{max-height:520px;overflow:auto}
        svg .point:hover{stroke:#000;stroke-width:2}
        svg .cell:hover,svg .bar:hover{stroke:#000}
        """;

    private readonly string _title;
    private readonly string _subtitle;
    private readonly StringBuilder _body = new();
    private readonly List<KeyValuePair<string, string>> _sections = [];
    private readonly List<string> _charts = [];
    private bool _inSection;
    private bool _inFigures;

    /// <summary>Starts a report titled <paramref name="title"/>; <paramref name="subtitle"/> says what it was made from.</summary>
    public HtmlReport(string title, string subtitle)
    {
        _title = title ?? throw new ArgumentNullException(nameof(title));
        _subtitle = subtitle ?? throw new ArgumentNullException(nameof(subtitle));
    }

    /// <summary>The kinds of the charts added so far (the SVG class after "chart-": logo, scatter, line, ...), in order.</summary>
    public IReadOnlyList<string> Charts => _charts;

    /// <summary>Starts a new section with a heading (closing the previous one).</summary>
    public void Section(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        CloseSection();
        string id = "s" + (_sections.Count + 1).ToString(CultureInfo.InvariantCulture);
        _sections.Add(new(id, heading));
        _body.Append("<section id=\"").Append(id).Append("\"><h2>").Append(SvgCanvas.Escape(heading)).Append("</h2>\n");
        _inSection = true;
    }

    /// <summary>A sub-heading inside the current section.</summary>
    public void Subheading(string text)
    {
        CloseFigures();
        _body.Append("<h3>").Append(SvgCanvas.Escape(text)).Append("</h3>\n");
    }

    /// <summary>A paragraph of plain text (escaped); notes are shown in grey.</summary>
    public void Paragraph(string text, bool note = false)
    {
        CloseFigures();
        _body.Append(note ? "<p class=\"note\">" : "<p>").Append(SvgCanvas.Escape(text)).Append("</p>\n");
    }

    /// <summary>
    /// An SVG chart (from the chart classes) with a caption; consecutive figures flow side by side. The chart's kind is
    /// read from its root class ("chart chart-KIND").
    /// </summary>
    public void Figure(string svg, string caption)
    {
        ArgumentNullException.ThrowIfNull(svg);
        ArgumentNullException.ThrowIfNull(caption);
        if (!_inFigures)
        {
            _body.Append("<div class=\"figures\">\n");
            _inFigures = true;
        }

        string kind = ChartKind(svg);
        _charts.Add(kind);
        _body.Append("<figure data-chart=\"").Append(SvgCanvas.Escape(kind)).Append("\">\n").Append(svg)
            .Append("<figcaption>").Append(SvgCanvas.Escape(caption)).Append("</figcaption></figure>\n");
    }

    /// <summary>A table; cells that parse as numbers are right-aligned. <paramref name="rowClasses"/> may mark rows (e.g. "failed").</summary>
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string?>? rowClasses = null, string? cssClass = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        CloseFigures();
        var all = rows.ToList();
        _body.Append(all.Count > 30 ? "<div class=\"table-wrap long\"><table" : "<div class=\"table-wrap\"><table");
        if (cssClass is not null)
        {
            _body.Append(" class=\"").Append(SvgCanvas.Escape(cssClass)).Append('"');
        }

        _body.Append("><thead><tr>");
        foreach (var h in header)
        {
            _body.Append("<th>").Append(SvgCanvas.Escape(h)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>\n");
        int r = 0;
        foreach (var row in all)
        {
            string? cls = rowClasses is not null && r < rowClasses.Count ? rowClasses[r] : null;
            _body.Append(cls is null ? "<tr>" : $"<tr class=\"{SvgCanvas.Escape(cls)}\">");
            foreach (var cell in row)
            {
                bool numeric = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                _body.Append(numeric ? "<td class=\"num\">" : "<td>").Append(SvgCanvas.Escape(cell)).Append("</td>");
            }

            _body.Append("</tr>\n");
            r++;
        }

        _body.Append("</tbody></table></div>\n");
    }

    /// <summary>The finished page.</summary>
    public string ToHtml()
    {
        CloseSection();
        var sb = new StringBuilder(_body.Length + 4000);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Motiflens\">\n")
            .Append("<title>").Append(SvgCanvas.Escape(_title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<header><h1>").Append(SvgCanvas.Escape(_title)).Append("</h1><p>").Append(SvgCanvas.Escape(_subtitle)).Append("</p></header>\n<main>\n");
        if (_sections.Count > 1)
        {
            sb.Append("<nav>");
            foreach (var (id, heading) in _sections)
            {
                sb.Append("<a href=\"#").Append(id).Append("\">").Append(SvgCanvas.Escape(heading)).Append("</a>");
            }

            sb.Append("</nav>\n");
        }

        sb.Append(_body).Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The kind of a chart from its root element's class "chart chart-KIND", or "svg".</summary>
    public static string ChartKind(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        int end = svg.IndexOf('>', StringComparison.Ordinal);
        int at = end < 0 ? -1 : svg.IndexOf("chart-", 0, end, StringComparison.Ordinal);
        if (at < 0)
        {
            return "svg";
        }

        int stop = at + 6;
        while (stop < svg.Length && (char.IsLetterOrDigit(svg[stop]) || svg[stop] == '-'))
        {
            stop++;
        }

        return svg[(at + 6)..stop];
    }

    private void CloseFigures()
    {
        if (_inFigures)
        {
            _body.Append("</div>\n");
            _inFigures = false;
        }
    }

    private void CloseSection()
    {
        CloseFigures();
        if (_inSection)
        {
            _body.Append("</section>\n");
            _inSection = false;
        }
    }
}
