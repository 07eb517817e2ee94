using System.Globalization;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Charts;

/// <summary>
/// A sequence logo of a probability matrix (L, 4) over A, C, G, T: per position the letters stacked by height, the
/// tallest on top, each drawn as a path (<see cref="NucleotideGlyphs"/>). In <see cref="LogoMode.Information"/> a
/// letter's height is p × IC with IC = 2 + Σ p·log2 p, so a column is as tall as its information (0..2 bits).
/// </summary>
public static class SequenceLogo
{
    /// <summary>Renders the logo of <paramref name="probabilities"/> (L × 4, row-major; rows are normalised).</summary>
    public static string Render(ReadOnlySpan<double> probabilities, string title, LogoMode mode = LogoMode.Information,
        double columnWidth = 22, double plotHeight = 120, string? positionLabel = "position")
    {
        if (probabilities.Length == 0 || probabilities.Length % 4 != 0)
        {
            throw new ArgumentException($"a logo needs an (L, 4) matrix; got {probabilities.Length} values", nameof(probabilities));
        }

        int length = probabilities.Length / 4;
        var area = new PlotArea(Width: 64 + (length * columnWidth) + 12, Height: plotHeight + 34 + 44, Left: 64, Right: 12, Top: 34, Bottom: 44);
        double top = mode == LogoMode.Information ? 2 : 1;
        var y = new LinearScale(0, top, area.Y1, area.Y0, nice: false, tickTarget: mode == LogoMode.Information ? 4 : 5);
        var canvas = new SvgCanvas(area.Width, area.Height, "chart chart-logo");
        canvas.Text(area.Width / 2, 20, title, 14, "middle", "chart-title", weight: "bold");
        DrawYAxis(canvas, area, y, mode == LogoMode.Information ? "bits" : "probability");
        PositionAxis(canvas, area, length, columnWidth, positionLabel);

        canvas.BeginGroup("letters");
        Span<double> heights = stackalloc double[4];
        Span<int> order = stackalloc int[4];
        for (int i = 0; i < length; i++)
        {
            ColumnHeights(probabilities.Slice(i * 4, 4), mode, heights);
            SortAscending(heights, order);
            double baseline = area.Y1;
            double x = area.X0 + (i * columnWidth) + 1;
            foreach (int c in order)
            {
                double h = heights[c] / top * (area.Y1 - area.Y0);
                if (h < 0.05)
                {
                    continue;
                }

                NucleotideGlyphs.Draw(canvas, c, x, baseline - h, columnWidth - 2, h, heights[c],
                    $"position {i + 1}: {NucleotideGlyphs.Letters[c]} {heights[c].ToString("F3", CultureInfo.InvariantCulture)}{(mode == LogoMode.Information ? " bits" : string.Empty)}");
                baseline -= h;
            }
        }

        canvas.EndGroup();
        return canvas.ToSvg(title);
    }

    /// <summary>
    /// The letter heights of one column (p normalised to sum 1; negative or NaN entries count as 0): p × IC in bits
    /// for <see cref="LogoMode.Information"/>, p for <see cref="LogoMode.Probability"/>.
    /// </summary>
    public static void ColumnHeights(ReadOnlySpan<double> row, LogoMode mode, Span<double> heights)
    {
        double sum = 0;
        for (int c = 0; c < 4; c++)
        {
            sum += row[c] > 0 ? row[c] : 0;
        }

        double ic = 2;
        for (int c = 0; c < 4; c++)
        {
            double p = sum > 0 && row[c] > 0 ? row[c] / sum : sum > 0 ? 0 : 0.25;
            heights[c] = p;
            if (p > 0)
            {
                ic += p * Math.Log2(p);
            }
        }

        if (mode == LogoMode.Information)
        {
            ic = Math.Max(0, ic);
            for (int c = 0; c < 4; c++)
            {
                heights[c] *= ic;
            }
        }
    }

    /// <summary>Writes channel indices into <paramref name="order"/> by increasing value (ties by channel).</summary>
    internal static void SortAscending(ReadOnlySpan<double> values, Span<int> order)
    {
        for (int c = 0; c < 4; c++)
        {
            order[c] = c;
        }

        for (int a = 1; a < 4; a++)
        {
            int v = order[a];
            int b = a - 1;
            while (b >= 0 && values[order[b]] > values[v])
            {
                order[b + 1] = order[b];
                b--;
            }

            order[b + 1] = v;
        }
    }

    /// <summary>A y axis with ticks and a rotated label, no grid (letters need a clean background).</summary>
    internal static void DrawYAxis(SvgCanvas canvas, PlotArea area, LinearScale y, string label)
    {
        canvas.BeginGroup("axis y-axis");
        foreach (var t in y.Ticks())
        {
            double py = y.Map(t);
            canvas.Line(area.X0 - 5, py, area.X0, py, "#444");
            canvas.Text(area.X0 - 8, py + 4, y.Label(t), 11, "end", "tick");
        }

        canvas.Line(area.X0, area.Y0, area.X0, area.Y1, "#444");
        canvas.Text(18, (area.Y0 + area.Y1) / 2, label, 12, "middle", "axis-label", rotate: -90);
        canvas.EndGroup();
    }

    /// <summary>An x axis of sequence positions 1..L, labelled every 1, 5, 10, ... positions so labels do not collide.</summary>
    internal static void PositionAxis(SvgCanvas canvas, PlotArea area, int length, double columnWidth, string? label, double axisY = double.NaN)
    {
        double yLine = double.IsNaN(axisY) ? area.Y1 : axisY;
        int every = 1;
        foreach (int step in new[] { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000 })
        {
            every = step;
            if (step * columnWidth >= 30)
            {
                break;
            }
        }

        canvas.BeginGroup("axis x-axis");
        canvas.Line(area.X0, yLine, area.X0 + (length * columnWidth), yLine, "#444");
        for (int i = 0; i < length; i++)
        {
            if ((i + 1) % every != 0 && !(i == 0 && every >= 5))
            {
                continue;
            }

            double px = area.X0 + ((i + 0.5) * columnWidth);
            canvas.Line(px, area.Y1, px, area.Y1 + 4, "#444");
            canvas.Text(px, area.Y1 + 16, (i + 1).ToString(CultureInfo.InvariantCulture), 10, "middle", "tick");
        }

        if (label is not null)
        {
            canvas.Text(area.X0 + (length * columnWidth / 2), area.Height - 6, label, 12, "middle", "axis-label");
        }

        canvas.EndGroup();
    }
}
