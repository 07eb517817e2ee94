using System.Xml.Linq;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Tests.Svg;

namespace Motiflens.Reporting.Tests.Charts;

public class ScatterPlotTests
{
    private static ScatterSeries Series(string name, params (double X, double Y)[] points) =>
        new(name, points.Select((p, i) => new ScatterPoint(p.X, p.Y, $"{name}-{i}")).ToArray());

    [Fact]
    public void Scatter_DrawsOnePointPerFiniteValueWithAHoverTitle()
    {
        var svg = SvgXml.Parse(ScatterPlot.Render([Series("relu", (1, 2), (2, 3), (3, double.NaN)), Series("exp", (4, 5))], "t", "SNR", "KLD"));
        var points = SvgXml.WithClass(svg, "circle", "point").ToList();
        Assert.Equal(3, points.Count);
        var titles = points.Select(p => (string)p.Element(SvgXml.Ns + "title")!).ToList();
        Assert.Equal("relu-0: SNR = 1, KLD = 2", titles[0]);
        Assert.StartsWith("exp-0:", titles[2], StringComparison.Ordinal);
        // Two series: two colours and a legend with both names.
        Assert.NotEqual((string)points[0].Attribute("fill")!, (string)points[2].Attribute("fill")!);
        var legend = SvgXml.WithClass(svg, "text", "legend-entry").Select(t => t.Value).ToList();
        Assert.Equal(["relu", "exp"], legend);
    }

    [Fact]
    public void Scatter_PlacesPointsOnItsAxes()
    {
        var area = new PlotArea(Width: 500, Height: 300, Left: 50, Right: 50, Top: 50, Bottom: 50);
        var svg = SvgXml.Parse(ScatterPlot.Render([Series("s", (0, 0), (10, 10), (5, 2))], "t", "x", "y", area: area));
        var points = SvgXml.WithClass(svg, "circle", "point").ToList();
        var xAxis = svg.Descendants(SvgXml.Ns + "g").First(g => (string?)g.Attribute("class") == "axis x-axis");
        var yAxis = svg.Descendants(SvgXml.Ns + "g").First(g => (string?)g.Attribute("class") == "axis y-axis");
        var xTicks = xAxis.Elements(SvgXml.Ns + "text").Where(t => (string?)t.Attribute("class") == "tick").ToList();
        var yTicks = yAxis.Elements(SvgXml.Ns + "text").Where(t => (string?)t.Attribute("class") == "tick").ToList();
        // Data 0..10 padded by 4 % gives nice ticks every 2 from −2 to 12.
        Assert.Equal(["-2", "0", "2", "4", "6", "8", "10", "12"], xTicks.Select(t => t.Value));
        double XOf(string label) => SvgXml.D(xTicks.Single(t => t.Value == label), "x");
        double YOf(string label) => SvgXml.D(yTicks.Single(t => t.Value == label), "y") - 4; // labels sit 4 px below their tick
        Assert.Equal(50, XOf("-2"), 2);
        Assert.Equal(450, XOf("12"), 2);
        Assert.Equal(XOf("0"), SvgXml.D(points[0], "cx"), 2);
        Assert.Equal(YOf("0"), SvgXml.D(points[0], "cy"), 2);
        Assert.Equal(XOf("10"), SvgXml.D(points[1], "cx"), 2);
        Assert.Equal(YOf("10"), SvgXml.D(points[1], "cy"), 2);
        // (5, 2): halfway between the 4 and 6 ticks, on the 2 tick.
        Assert.Equal((XOf("4") + XOf("6")) / 2, SvgXml.D(points[2], "cx"), 1);
        Assert.Equal(YOf("2"), SvgXml.D(points[2], "cy"), 2);
        Assert.Contains(svg.Descendants(SvgXml.Ns + "text"), t => t.Value == "x" && (string?)t.Attribute("class") == "axis-label");
        Assert.Contains(svg.Descendants(SvgXml.Ns + "text"), t => t.Value == "y" && (string?)t.Attribute("class") == "axis-label");
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, new[] { 2.0, 4, 8, 16, 32 }, "Spearman ρ = 1.000 (n = 5)")]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, new[] { 5.0, 4, 3, 2, 1 }, "Spearman ρ = -1.000 (n = 5)")]
    // Ranks of y: 4 1 2 3 against 1 2 3 4: Σd² = 12, ρ = 1 − 6·12 / (4·15) = −0.2.
    [InlineData(new[] { 1.0, 2, 3, 4 }, new[] { 0.9, 0.3, 0.5, 0.7 }, "Spearman ρ = -0.200 (n = 4)")]
    public void Scatter_WritesSpearmanRhoInTheCorner(double[] x, double[] y, string expected)
    {
        var svg = SvgXml.Parse(ScatterPlot.Render([Series("s", x.Zip(y).ToArray())], "t", "x", "y"));
        var label = Assert.Single(SvgXml.WithClass(svg, "text", "spearman"));
        Assert.Equal(expected, label.Value);
    }

    [Fact]
    public void Scatter_CountsMissingPointsInTheRhoLabel()
    {
        var svg = SvgXml.Parse(ScatterPlot.Render([Series("s", (1, 1), (2, 2), (3, 3), (double.NaN, 4))], "t", "x", "y"));
        Assert.Equal("Spearman ρ = 1.000 (n = 3, 1 missing)", Assert.Single(SvgXml.WithClass(svg, "text", "spearman")).Value);
    }

    [Fact]
    public void Scatter_EscapesLabels()
    {
        var text = ScatterPlot.Render([new ScatterSeries("a<b", [new ScatterPoint(1, 1, "m&1"), new ScatterPoint(2, 2, "x")])], "t <1>", "x", "y");
        var svg = XElement.Parse(text);
        Assert.Contains(svg.Descendants(SvgXml.Ns + "title"), t => t.Value.StartsWith("m&1:", StringComparison.Ordinal));
        Assert.DoesNotContain("<1>", text, StringComparison.Ordinal);
    }
}
