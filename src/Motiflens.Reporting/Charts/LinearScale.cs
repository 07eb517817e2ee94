using System.Globalization;

namespace Motiflens.Reporting.Charts;

/// <summary>
/// Maps data values in [<see cref="Min"/>, <see cref="Max"/>] linearly onto pixels [<see cref="PixelStart"/>,
/// <see cref="PixelEnd"/>] (the end may be smaller than the start, as for a y axis), with "nice" tick values
/// (1, 2 or 5 × 10^k apart).
/// </summary>
public sealed class LinearScale
{
    /// <summary>
    /// A scale over the data range; <paramref name="nice"/> widens it to whole tick steps; <paramref name="minStep"/> = 1
    /// keeps ticks on integers (epochs, episodes).
    /// </summary>
    public LinearScale(double min, double max, double pixelStart, double pixelEnd, bool nice = true, int tickTarget = 5, double minStep = 0)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            min = 0;
            max = 1;
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }

        Step = Math.Max(NiceStep((max - min) / Math.Max(1, tickTarget)), minStep);
        if (nice)
        {
            min = Math.Floor((min / Step) + 1e-9) * Step;
            max = Math.Ceiling((max / Step) - 1e-9) * Step;
        }

        Min = min;
        Max = max;
        PixelStart = pixelStart;
        PixelEnd = pixelEnd;
    }

    /// <summary>Lowest data value shown.</summary>
    public double Min { get; }

    /// <summary>Highest data value shown.</summary>
    public double Max { get; }

    /// <summary>Pixel of <see cref="Min"/>.</summary>
    public double PixelStart { get; }

    /// <summary>Pixel of <see cref="Max"/>.</summary>
    public double PixelEnd { get; }

    /// <summary>Distance between ticks (1, 2 or 5 × 10^k).</summary>
    public double Step { get; }

    /// <summary>The pixel of a data value.</summary>
    public double Map(double value) => PixelStart + ((value - Min) / (Max - Min) * (PixelEnd - PixelStart));

    /// <summary>Tick values: the multiples of <see cref="Step"/> within the range.</summary>
    public IReadOnlyList<double> Ticks()
    {
        var ticks = new List<double>();
        double first = Math.Ceiling((Min / Step) - 1e-9);
        for (double i = first; (i * Step) <= Max + (Step * 1e-9); i++)
        {
            double v = i * Step;
            ticks.Add(Math.Abs(v) < Step * 1e-9 ? 0 : v);
            if (ticks.Count > 100)
            {
                break;
            }
        }

        return ticks;
    }

    /// <summary>A tick label with as many decimals as the step needs.</summary>
    public string Label(double value)
    {
        int decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(Step) - 1e-9));
        if (Math.Abs(value) >= 1e5 || (value != 0 && Math.Abs(value) < 1e-4))
        {
            return value.ToString("0.#E+0", CultureInfo.InvariantCulture);
        }

        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The 1, 2 or 5 × 10^k nearest to <paramref name="raw"/> (on a log scale: below 1.5 → 1, below 3 → 2, below 7 → 5).</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * magnitude;
    }
}
