using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Motiflens.Reporting.Svg;

/// <summary>Places finished SVG charts on a grid inside one SVG document (nested &lt;svg&gt; elements), for multi-panel figures.</summary>
public static partial class SvgLayout
{
    /// <summary>
    /// One SVG holding <paramref name="panels"/> row by row, <paramref name="columns"/> per row; each row is as tall as
    /// its tallest panel and each column as wide as its widest. The root's class is "chart chart-<paramref name="kind"/>".
    /// </summary>
    public static string Grid(IReadOnlyList<string> panels, int columns, string label, double gap = 8, string kind = "grid")
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0 || columns < 1)
        {
            throw new ArgumentException("a grid needs at least one panel and one column");
        }

        var sizes = panels.Select(Size).ToArray();
        int rows = (panels.Count + columns - 1) / columns;
        var colWidth = new double[columns];
        var rowHeight = new double[rows];
        for (int i = 0; i < panels.Count; i++)
        {
            colWidth[i % columns] = Math.Max(colWidth[i % columns], sizes[i].Width);
            rowHeight[i / columns] = Math.Max(rowHeight[i / columns], sizes[i].Height);
        }

        double width = colWidth.Sum() + (gap * (columns - 1));
        double height = rowHeight.Sum() + (gap * (rows - 1));
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(SvgCanvas.Num(width)).Append("\" height=\"").Append(SvgCanvas.Num(height))
            .Append("\" viewBox=\"0 0 ").Append(SvgCanvas.Num(width)).Append(' ').Append(SvgCanvas.Num(height))
            .Append("\" class=\"chart chart-").Append(SvgCanvas.Escape(kind)).Append("\" role=\"img\" aria-label=\"").Append(SvgCanvas.Escape(label)).Append("\">\n<title>")
            .Append(SvgCanvas.Escape(label)).Append("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        double y = 0;
        for (int r = 0; r < rows; r++)
        {
            double x = 0;
            for (int c = 0; c < columns && (r * columns) + c < panels.Count; c++)
            {
                string panel = panels[(r * columns) + c];
                int open = panel.IndexOf("<svg", StringComparison.Ordinal);
                sb.Append(panel, 0, open + 4).Append(" x=\"").Append(SvgCanvas.Num(x)).Append("\" y=\"").Append(SvgCanvas.Num(y)).Append('"')
                    .Append(panel, open + 4, panel.Length - open - 4);
                x += colWidth[c] + gap;
            }

            y += rowHeight[r] + gap;
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The width and height attributes of an SVG's root element.</summary>
    public static (double Width, double Height) Size(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var root = RootPattern().Match(svg);
        if (!root.Success)
        {
            throw new ArgumentException("not an SVG element with width and height", nameof(svg));
        }

        return (double.Parse(root.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(root.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^\\s*<svg[^>]*? width=\"([0-9.]+)\" height=\"([0-9.]+)\"")]
    private static partial Regex RootPattern();
}
