using System.Globalization;
using Motiflens.Interpretation.Calibration;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Charts;

/// <summary>
/// A scatter plot: one circle per point with a hover title naming it, linear axes with nice ticks, a legend when
/// there are several series, and the Spearman rank correlation ρ of all finite points in the top-left corner.
/// </summary>
public static class ScatterPlot
{
    /// <summary>Renders <paramref name="series"/>; points with a non-finite coordinate are left out (and counted in the corner label).</summary>
    public static string Render(IReadOnlyList<ScatterSeries> series, string title, string xLabel, string yLabel, bool showSpearman = true, PlotArea? area = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        area = Axes.WithLegend(area ?? new PlotArea(), series.Select(s => s.Name).ToArray());
        var finite = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        int dropped = series.Sum(s => s.Points.Count) - finite.Count;
        var x = Scale(finite.Select(p => p.X), area.X0, area.X1);
        var y = Scale(finite.Select(p => p.Y), area.Y1, area.Y0);
        var canvas = new SvgCanvas(area.Width, area.Height, "chart chart-scatter");
        Axes.Draw(canvas, area, x, y, title, xLabel, yLabel);

        for (int s = 0; s < series.Count; s++)
        {
            string color = series[s].Color ?? Palette.SeriesColor(s);
            canvas.BeginGroup("series", title: series[s].Name);
            foreach (var p in series[s].Points)
            {
                if (double.IsFinite(p.X) && double.IsFinite(p.Y))
                {
                    canvas.Circle(x.Map(p.X), y.Map(p.Y), 4, color, $"{p.Label}: {xLabel} = {G(p.X)}, {yLabel} = {G(p.Y)}", "point", "#ffffff");
                }
            }

            canvas.EndGroup();
        }

        if (showSpearman)
        {
            double rho = finite.Count >= 3 ? LengthWeightCalibration.Spearman(finite.Select(p => p.X).ToArray(), finite.Select(p => p.Y).ToArray()) : double.NaN;
            string text = $"Spearman ρ = {(double.IsNaN(rho) ? "n/a" : rho.ToString("F3", CultureInfo.InvariantCulture))} (n = {finite.Count}{(dropped > 0 ? $", {dropped} missing" : string.Empty)})";
            canvas.Rect(area.X0 + 6, area.Y0 + 6, 12 + (6.4 * text.Length), 20, "#ffffff", "#bbbbbb", opacity: 0.85);
            canvas.Text(area.X0 + 12, area.Y0 + 20, text, 12, "start", "spearman");
        }

        if (series.Count > 1)
        {
            Axes.Legend(canvas, area, series.Select((s, i) => new KeyValuePair<string, string>(s.Name, s.Color ?? Palette.SeriesColor(i))).ToArray());
        }

        return canvas.ToSvg(title);
    }

    private static LinearScale Scale(IEnumerable<double> values, double from, double to)
    {
        var v = values.ToArray();
        if (v.Length == 0)
        {
            return new LinearScale(0, 1, from, to);
        }

        // 4 % of the range on either side, so points at the extremes are not drawn on the frame.
        double pad = 0.04 * (v.Max() - v.Min());
        return new LinearScale(v.Min() - pad, v.Max() + pad, from, to);
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
