using System.Globalization;
using System.Text.Json;

namespace Motiflens.Reporting.Reports;

/// <summary>Number formatting shared by the report tables.</summary>
internal static class ReportText
{
    public static string F(double? value, int decimals = 4) =>
        value is { } v && double.IsFinite(v) ? v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";

    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static double Median(IReadOnlyList<double> values)
    {
        var v = values.Where(double.IsFinite).OrderBy(x => x).ToArray();
        if (v.Length == 0)
        {
            return double.NaN;
        }

        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>The q-quantile with linear interpolation (numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var v = values.Where(double.IsFinite).OrderBy(x => x).ToArray();
        if (v.Length == 0)
        {
            return double.NaN;
        }

        double pos = q * (v.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(v.Length - 1, lo + 1);
        return v[lo] + ((pos - lo) * (v[hi] - v[lo]));
    }

    /// <summary>A numeric property (a number or a numeric string such as "NaN"); NaN when absent or null.</summary>
    public static double Number(JsonElement r, string name) =>
        r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => double.NaN,
        } : double.NaN;

    /// <summary>A property as text ("" when absent or null).</summary>
    public static string Text(JsonElement r, string name) =>
        r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()
            : string.Empty;
}
