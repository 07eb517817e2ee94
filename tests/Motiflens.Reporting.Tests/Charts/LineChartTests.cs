using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Tests.Svg;

namespace Motiflens.Reporting.Tests.Charts;

public class LineChartTests
{
    [Fact]
    public void Line_BreaksAtNaNAndShadesItsBand()
    {
        var series = new LineSeries("median", [1, 2, 3, 4, 5], [1, 2, double.NaN, 4, 5]) { Lower = [0, 1, 2, 3, 4], Upper = [2, 3, 4, 5, 6] };
        var svg = SvgXml.Parse(LineChart.Render([series], "t", "x", "y"));
        var lines = SvgXml.WithClass(svg, "polyline", "line").ToList();
        Assert.Equal(2, lines.Count);                                   // 1–2 and 4–5
        Assert.Equal(2, ((string)lines[0].Attribute("points")!).Split(' ').Length);
        var band = Assert.Single(SvgXml.WithClass(svg, "polygon", "band"));
        Assert.Equal(10, ((string)band.Attribute("points")!).Split(' ').Length); // 5 upper + 5 lower corners
        Assert.Empty(SvgXml.WithClass(svg, "text", "legend-entry"));   // one series: no legend
    }

    [Fact]
    public void Line_MarksPointsWithTheirLabels()
    {
        var series = new LineSeries("child", [1, 2], [0.5, 0.7]) { ShowLine = false, ShowPoints = true, Labels = ["trial 0", "trial 1"] };
        var svg = SvgXml.Parse(LineChart.Render([series, new LineSeries("best", [1, 2], [0.5, 0.7])], "t", "child", "reward"));
        var points = SvgXml.WithClass(svg, "circle", "point").ToList();
        Assert.Equal(["trial 0: child = 1, reward = 0.5", "trial 1: child = 2, reward = 0.7"], points.Select(p => (string)p.Element(SvgXml.Ns + "title")!));
        Assert.Single(SvgXml.WithClass(svg, "polyline", "line"));
        Assert.Equal(["child", "best"], SvgXml.WithClass(svg, "text", "legend-entry").Select(t => t.Value));
    }
}
