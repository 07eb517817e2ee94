using System.Globalization;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Charts;

/// <summary>Vertical bars, one group per category and one bar per series in it, with a value axis starting at zero.</summary>
public static class BarChart
{
    /// <summary>Renders <paramref name="series"/>: each holds one value per category (NaN = no bar).</summary>
    public static string Render(IReadOnlyList<string> categories, IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> series,
        string title, string xLabel, string yLabel, PlotArea? area = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0 || series.Count == 0 || series.Any(s => s.Value.Count != categories.Count))
        {
            throw new ArgumentException("a bar chart needs at least one category and one value per category in every series");
        }

        area = Axes.WithLegend(area ?? new PlotArea(), series.Select(s => s.Key).ToArray());
        var values = series.SelectMany(s => s.Value).Where(double.IsFinite).ToArray();
        double lo = Math.Min(0, values.Length == 0 ? 0 : values.Min());
        double hi = Math.Max(0, values.Length == 0 ? 1 : values.Max());
        var y = new LinearScale(lo, hi, area.Y1, area.Y0);
        var canvas = new SvgCanvas(area.Width, area.Height, "chart chart-bar");
        canvas.Text(area.Width / 2, 20, title, 14, "middle", "chart-title", weight: "bold");
        SequenceLogo.DrawYAxis(canvas, area, y, yLabel);
        double group = (area.X1 - area.X0) / categories.Count;
        double bar = group * 0.8 / series.Count;
        double zero = y.Map(0);
        canvas.BeginGroup("axis x-axis");
        canvas.Line(area.X0, zero, area.X1, zero, "#444");
        for (int c = 0; c < categories.Count; c++)
        {
            canvas.Text(area.X0 + ((c + 0.5) * group), area.Y1 + 16, categories[c], 11, "middle", "tick");
        }

        canvas.Text((area.X0 + area.X1) / 2, area.Height - 8, xLabel, 12, "middle", "axis-label");
        canvas.EndGroup();
        for (int s = 0; s < series.Count; s++)
        {
            string color = Palette.SeriesColor(s);
            canvas.BeginGroup("series", title: series[s].Key);
            for (int c = 0; c < categories.Count; c++)
            {
                double v = series[s].Value[c];
                if (!double.IsFinite(v))
                {
                    continue;
                }

                double px = area.X0 + (c * group) + (group * 0.1) + (s * bar);
                double top = Math.Min(zero, y.Map(v));
                canvas.Rect(px, top, bar - 1, Math.Abs(y.Map(v) - zero), color,
                    title: $"{series[s].Key}, {categories[c]}: {v.ToString("G4", CultureInfo.InvariantCulture)}", cssClass: "bar");
            }

            canvas.EndGroup();
        }

        if (series.Count > 1)
        {
            Axes.Legend(canvas, area, series.Select((s, i) => new KeyValuePair<string, string>(s.Key, Palette.SeriesColor(i))).ToArray());
        }

        return canvas.ToSvg(title);
    }
}
