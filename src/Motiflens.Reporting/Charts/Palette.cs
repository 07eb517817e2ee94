namespace Motiflens.Reporting.Charts;

/// <summary>Series colours (colour-blind friendly, Okabe–Ito order) and a sequential scale for heatmaps.</summary>
public static class Palette
{
    /// <summary>Colours for series, legends and groups, in order.</summary>
    public static readonly IReadOnlyList<string> Series = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F", "#000000"];

    /// <summary>The colour of series <paramref name="index"/> (cycling).</summary>
    public static string SeriesColor(int index) => Series[((index % Series.Count) + Series.Count) % Series.Count];

    /// <summary>A white → dark blue colour for <paramref name="t"/> in [0, 1] (clamped; NaN is light grey).</summary>
    public static string Sequential(double t)
    {
        if (double.IsNaN(t))
        {
            return "#eeeeee";
        }

        t = Math.Clamp(t, 0, 1);
        // Interpolate between white (255,255,255), a mid blue (107,174,214) and navy (8,48,107).
        (double r, double g, double b) = t < 0.5
            ? Lerp((255, 255, 255), (107, 174, 214), t * 2)
            : Lerp((107, 174, 214), (8, 48, 107), (t - 0.5) * 2);
        return $"#{(int)Math.Round(r):x2}{(int)Math.Round(g):x2}{(int)Math.Round(b):x2}";
    }

    private static (double, double, double) Lerp((double R, double G, double B) a, (double R, double G, double B) b, double t) =>
        (a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));
}
