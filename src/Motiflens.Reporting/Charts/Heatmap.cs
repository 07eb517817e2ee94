using System.Globalization;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Charts;

/// <summary>
/// A heatmap of a rows × columns matrix (e.g. one model-space layer's choice probabilities over controller steps):
/// a white → blue cell per value in [<paramref name="min"/>, <paramref name="max"/>], labelled rows and columns, a
/// colour bar, and a hover title per cell.
/// </summary>
public static class Heatmap
{
    /// <summary>Renders <paramref name="values"/> (rows × columns, row-major; NaN = no data, grey).</summary>
    public static string Render(IReadOnlyList<double> values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
        string title, string xLabel, double min = 0, double max = 1, string valueName = "probability")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        int rows = rowLabels.Count, cols = columnLabels.Count;
        if (rows == 0 || cols == 0 || values.Count != rows * cols)
        {
            throw new ArgumentException($"a heatmap of {rows} x {cols} cells needs {rows * cols} values; got {values.Count}", nameof(values));
        }

        double left = Math.Min(330, 14 + (6.2 * rowLabels.Max(l => l.Length)));
        double cell = Math.Clamp(520.0 / cols, 6, 28);
        double cellHeight = 20;
        var area = new PlotArea(Width: left + (cols * cell) + 90, Height: 34 + (rows * cellHeight) + 44, Left: left, Right: 90, Top: 34, Bottom: 44);
        var canvas = new SvgCanvas(area.Width, area.Height, "chart chart-heatmap");
        canvas.Text(area.Width / 2, 20, title, 14, "middle", "chart-title", weight: "bold");
        double span = max - min;
        canvas.BeginGroup("cells");
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                double v = values[(r * cols) + c];
                string tip = $"{rowLabels[r]}, {columnLabels[c]}: {valueName} {(double.IsNaN(v) ? "n/a" : v.ToString("F3", CultureInfo.InvariantCulture))}";
                canvas.Rect(area.X0 + (c * cell), area.Y0 + (r * cellHeight), cell, cellHeight, Palette.Sequential(span > 0 ? (v - min) / span : 0), "#ffffff", tip, "cell");
            }
        }

        canvas.EndGroup();
        canvas.BeginGroup("axis y-axis");
        for (int r = 0; r < rows; r++)
        {
            canvas.Text(area.X0 - 6, area.Y0 + (r * cellHeight) + 14, rowLabels[r], 11, "end", "tick");
        }

        canvas.EndGroup();
        canvas.BeginGroup("axis x-axis");
        int every = Math.Max(1, (int)Math.Ceiling(24 / cell));
        for (int c = 0; c < cols; c++)
        {
            if (c % every == 0)
            {
                canvas.Text(area.X0 + ((c + 0.5) * cell), area.Y1 + 16, columnLabels[c], 10, "middle", "tick");
            }
        }

        canvas.Text(area.X0 + (cols * cell / 2), area.Height - 8, xLabel, 12, "middle", "axis-label");
        canvas.EndGroup();

        // Colour bar.
        canvas.BeginGroup("colorbar");
        double barX = area.X0 + (cols * cell) + 16, barTop = area.Y0, barHeight = Math.Max(40, rows * cellHeight);
        const int steps = 20;
        for (int i = 0; i < steps; i++)
        {
            double t = 1 - ((i + 0.5) / steps);
            canvas.Rect(barX, barTop + (i * barHeight / steps), 12, (barHeight / steps) + 0.5, Palette.Sequential(t));
        }

        canvas.Text(barX + 16, barTop + 10, max.ToString("G3", CultureInfo.InvariantCulture), 10, "start", "tick");
        canvas.Text(barX + 16, barTop + barHeight, min.ToString("G3", CultureInfo.InvariantCulture), 10, "start", "tick");
        canvas.EndGroup();
        return canvas.ToSvg(title);
    }
}
