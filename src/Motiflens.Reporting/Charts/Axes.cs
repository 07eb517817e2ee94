using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Charts;

/// <summary>Draws the frame every chart with axes shares: title, axis lines, ticks with labels, grid lines and axis labels.</summary>
public static class Axes
{
    /// <summary>Grey of the grid lines.</summary>
    public const string GridColor = "#e3e3e3";

    /// <summary>Draws the title, both axes and their labels of <paramref name="area"/>.</summary>
    public static void Draw(SvgCanvas canvas, PlotArea area, LinearScale x, LinearScale y, string title, string xLabel, string yLabel,
        bool xGrid = true, bool yGrid = true)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        canvas.Text(area.Width / 2, 20, title, 14, "middle", "chart-title", weight: "bold");
        canvas.BeginGroup("axis x-axis");
        foreach (var t in x.Ticks())
        {
            double px = x.Map(t);
            if (xGrid)
            {
                canvas.Line(px, area.Y0, px, area.Y1, GridColor);
            }

            canvas.Line(px, area.Y1, px, area.Y1 + 5, "#444");
            canvas.Text(px, area.Y1 + 17, x.Label(t), 11, "middle", "tick");
        }

        canvas.Line(area.X0, area.Y1, area.X1, area.Y1, "#444");
        canvas.Text((area.X0 + area.X1) / 2, area.Height - 8, xLabel, 12, "middle", "axis-label");
        canvas.EndGroup();
        canvas.BeginGroup("axis y-axis");
        foreach (var t in y.Ticks())
        {
            double py = y.Map(t);
            if (yGrid)
            {
                canvas.Line(area.X0, py, area.X1, py, GridColor);
            }

            canvas.Line(area.X0 - 5, py, area.X0, py, "#444");
            canvas.Text(area.X0 - 8, py + 4, y.Label(t), 11, "end", "tick");
        }

        canvas.Line(area.X0, area.Y0, area.X0, area.Y1, "#444");
        canvas.Text(16, (area.Y0 + area.Y1) / 2, yLabel, 12, "middle", "axis-label", rotate: -90);
        canvas.EndGroup();
    }

    /// <summary>The width a legend of <paramref name="entries"/> needs (0 for none).</summary>
    public static double LegendWidth(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? 0 : 24 + (6.6 * entries.Max(e => e.Length));
    }

    /// <summary>
    /// The area widened on the right to hold a legend of <paramref name="entries"/> beside the plot (unchanged for one
    /// entry or none, which get no legend).
    /// </summary>
    public static PlotArea WithLegend(PlotArea area, IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (entries is null || entries.Count < 2)
        {
            return area;
        }

        double extra = LegendWidth(entries) + 12;
        return area with { Width = area.Width + extra, Right = area.Right + extra };
    }

    /// <summary>A legend box right of the plotting rectangle (see <see cref="WithLegend"/>): one coloured swatch per entry.</summary>
    public static void Legend(SvgCanvas canvas, PlotArea area, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        double width = LegendWidth(entries.Select(e => e.Key).ToArray());
        double height = 6 + (16 * entries.Count);
        double left = area.X1 + 12;
        double top = area.Y0;
        canvas.BeginGroup("legend");
        canvas.Rect(left, top, width, height, "#ffffff", "#bbbbbb", opacity: 0.85);
        for (int i = 0; i < entries.Count; i++)
        {
            double y = top + 4 + (16 * i);
            canvas.Rect(left + 6, y + 2, 10, 10, entries[i].Value);
            canvas.Text(left + 20, y + 11, entries[i].Key, 11, "start", "legend-entry");
        }

        canvas.EndGroup();
    }
}
