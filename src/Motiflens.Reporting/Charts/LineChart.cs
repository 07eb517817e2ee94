using System.Globalization;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Charts;

/// <summary>Line charts with optional shaded bands and markers, linear axes and a legend (training curves, rewards over children).</summary>
public static class LineChart
{
    /// <summary>Renders <paramref name="series"/> on shared axes; <paramref name="integerX"/> keeps x ticks on whole numbers.</summary>
    public static string Render(IReadOnlyList<LineSeries> series, string title, string xLabel, string yLabel, PlotArea? area = null, bool integerX = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        area = Axes.WithLegend(area ?? new PlotArea(), series.Select(s => s.Name).ToArray());
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count || (s.Lower is not null && s.Lower.Count != s.X.Count) || (s.Upper is not null && s.Upper.Count != s.X.Count))
            {
                throw new ArgumentException($"series '{s.Name}': x, y and band must have the same length");
            }
        }

        var xs = series.SelectMany(s => s.X).Where(double.IsFinite).ToArray();
        var ys = series.SelectMany(s => s.Y.Concat(s.Lower ?? []).Concat(s.Upper ?? [])).Where(double.IsFinite).ToArray();
        var x = xs.Length == 0 ? new LinearScale(0, 1, area.X0, area.X1) : new LinearScale(xs.Min(), xs.Max(), area.X0, area.X1, minStep: integerX ? 1 : 0);
        var y = ys.Length == 0 ? new LinearScale(0, 1, area.Y1, area.Y0) : new LinearScale(ys.Min(), ys.Max(), area.Y1, area.Y0);
        var canvas = new SvgCanvas(area.Width, area.Height, "chart chart-line");
        Axes.Draw(canvas, area, x, y, title, xLabel, yLabel);

        for (int s = 0; s < series.Count; s++)
        {
            var line = series[s];
            string color = line.Color ?? Palette.SeriesColor(s);
            canvas.BeginGroup("series", title: line.Name);
            if (line.Lower is not null && line.Upper is not null)
            {
                var upper = new List<ChartPoint>();
                var lower = new List<ChartPoint>();
                for (int i = 0; i < line.X.Count; i++)
                {
                    if (double.IsFinite(line.X[i]) && double.IsFinite(line.Lower[i]) && double.IsFinite(line.Upper[i]))
                    {
                        upper.Add(new ChartPoint(x.Map(line.X[i]), y.Map(line.Upper[i])));
                        lower.Add(new ChartPoint(x.Map(line.X[i]), y.Map(line.Lower[i])));
                    }
                }

                lower.Reverse();
                if (upper.Count > 1)
                {
                    canvas.Polygon([.. upper, .. lower], color, 0.18, "band");
                }
            }

            if (line.ShowLine)
            {
                var run = new List<ChartPoint>();
                for (int i = 0; i <= line.X.Count; i++)
                {
                    if (i < line.X.Count && double.IsFinite(line.X[i]) && double.IsFinite(line.Y[i]))
                    {
                        run.Add(new ChartPoint(x.Map(line.X[i]), y.Map(line.Y[i])));
                    }
                    else
                    {
                        if (run.Count > 1)
                        {
                            canvas.Polyline(run, color, cssClass: "line");
                        }

                        run.Clear();
                    }
                }
            }

            if (line.ShowPoints || line.X.Count == 1)
            {
                for (int i = 0; i < line.X.Count; i++)
                {
                    if (double.IsFinite(line.X[i]) && double.IsFinite(line.Y[i]))
                    {
                        string label = line.Labels is { } l && i < l.Count ? l[i] : line.Name;
                        canvas.Circle(x.Map(line.X[i]), y.Map(line.Y[i]), 3, color,
                            $"{label}: {xLabel} = {G(line.X[i])}, {yLabel} = {G(line.Y[i])}", "point");
                    }
                }
            }

            canvas.EndGroup();
        }

        if (series.Count > 1)
        {
            Axes.Legend(canvas, area, series.Select((s, i) => new KeyValuePair<string, string>(s.Name, s.Color ?? Palette.SeriesColor(i))).ToArray());
        }

        return canvas.ToSvg(title);
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
