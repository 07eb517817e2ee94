using System.Globalization;
using System.Xml.Linq;

namespace Motiflens.Reporting.Tests.Svg;

/// <summary>Helpers to read SVG output back as XML in tests.</summary>
internal static class SvgXml
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg) => XElement.Parse(svg);

    public static IEnumerable<XElement> WithClass(XElement root, string element, string cssClass) =>
        root.Descendants(Ns + element).Where(e => ((string?)e.Attribute("class") ?? string.Empty).Split(' ').Contains(cssClass));

    public static double D(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>The (a, d, e, f) of a transform "matrix(a 0 0 d e f)": x scale, y scale, x, y.</summary>
    public static (double Sx, double Sy, double X, double Y) Matrix(XElement e)
    {
        var t = (string)e.Attribute("transform")!;
        var parts = t["matrix(".Length..^1].Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[3], parts[4], parts[5]);
    }
}
