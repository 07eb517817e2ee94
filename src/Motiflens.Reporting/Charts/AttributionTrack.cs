using System.Globalization;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Charts;

/// <summary>
/// An attribution map (L, 4) drawn logo-style: at each position the positive scores stacked upwards from zero (the
/// largest on top) and the negative ones downwards (the largest magnitude at the bottom), letter height ∝ |score|.
/// Pass the map multiplied by the one-hot sequence to show only the observed bases (gradient × input).
/// </summary>
public static class AttributionTrack
{
    /// <summary>Renders <paramref name="scores"/> (L × 4, row-major).</summary>
    /// <param name="highlight">Optional (L) flags of positions to shade (e.g. planted motif positions).</param>
    public static string Render(ReadOnlySpan<float> scores, string title, double columnWidth = 5, double plotHeight = 110,
        ReadOnlySpan<bool> highlight = default, string yLabel = "attribution")
    {
        if (scores.Length == 0 || scores.Length % 4 != 0)
        {
            throw new ArgumentException($"an attribution track needs an (L, 4) map; got {scores.Length} values", nameof(scores));
        }

        int length = scores.Length / 4;
        double up = 0, down = 0;
        for (int i = 0; i < length; i++)
        {
            double pos = 0, neg = 0;
            for (int c = 0; c < 4; c++)
            {
                float v = scores[(i * 4) + c];
                if (float.IsFinite(v))
                {
                    if (v > 0)
                    {
                        pos += v;
                    }
                    else
                    {
                        neg += v;
                    }
                }
            }

            up = Math.Max(up, pos);
            down = Math.Min(down, neg);
        }

        if (up == 0 && down == 0)
        {
            up = 1;
        }

        var area = new PlotArea(Width: 70 + (length * columnWidth) + 12, Height: plotHeight + 34 + 44, Left: 70, Right: 12, Top: 34, Bottom: 44);
        var y = new LinearScale(down, up, area.Y1, area.Y0, nice: false, tickTarget: 4);
        var canvas = new SvgCanvas(area.Width, area.Height, "chart chart-attribution");
        canvas.Text(area.Width / 2, 20, title, 14, "middle", "chart-title", weight: "bold");
        if (!highlight.IsEmpty)
        {
            canvas.BeginGroup("highlight");
            for (int i = 0; i < Math.Min(length, highlight.Length); i++)
            {
                if (highlight[i])
                {
                    canvas.Rect(area.X0 + (i * columnWidth), area.Y0, columnWidth, area.Y1 - area.Y0, "#fff3c4");
                }
            }

            canvas.EndGroup();
        }

        SequenceLogo.DrawYAxis(canvas, area, y, yLabel);
        double zero = y.Map(0);
        SequenceLogo.PositionAxis(canvas, area, length, columnWidth, "position");
        canvas.Line(area.X0, zero, area.X0 + (length * columnWidth), zero, "#999", 0.5, cssClass: "zero-line");

        double pixelsPerUnit = (area.Y1 - area.Y0) / (y.Max - y.Min);
        canvas.BeginGroup("letters");
        Span<double> values = stackalloc double[4];
        Span<int> order = stackalloc int[4];
        for (int i = 0; i < length; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                float v = scores[(i * 4) + c];
                values[c] = float.IsFinite(v) ? Math.Abs(v) : 0;
            }

            SequenceLogo.SortAscending(values, order);
            double x = area.X0 + (i * columnWidth);
            double top = zero, bottom = zero;
            // Positives: smallest first, stacked upwards; negatives: smallest magnitude first, stacked downwards.
            foreach (int c in order)
            {
                float v = scores[(i * 4) + c];
                double h = values[c] * pixelsPerUnit;
                if (h < 0.05)
                {
                    continue;
                }

                string tip = $"position {i + 1}: {NucleotideGlyphs.Letters[c]} {v.ToString("G4", CultureInfo.InvariantCulture)}";
                if (v > 0)
                {
                    NucleotideGlyphs.Draw(canvas, c, x, top - h, columnWidth, h, v, tip);
                    top -= h;
                }
                else
                {
                    // Below the axis, upright, the stack growing downwards.
                    NucleotideGlyphs.Draw(canvas, c, x, bottom, columnWidth, h, v, tip);
                    bottom += h;
                }
            }
        }

        canvas.EndGroup();
        return canvas.ToSvg(title);
    }
}
