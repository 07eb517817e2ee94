using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Tests.Svg;

namespace Motiflens.Reporting.Tests.Charts;

public class HeatmapTests
{
    [Fact]
    public void Heatmap_ColoursEachCellByItsValue()
    {
        var svg = SvgXml.Parse(Heatmap.Render([0, 1, 0.5, double.NaN], ["a", "b"], ["1", "2"], "h", "episode"));
        var cells = SvgXml.WithClass(svg, "rect", "cell").ToList();
        Assert.Equal(4, cells.Count);
        Assert.Equal(["#ffffff", "#08306b", "#6baed6", "#eeeeee"], cells.Select(c => (string)c.Attribute("fill")!));
        Assert.Equal("b, 1: probability 0.500", (string)cells[2].Element(SvgXml.Ns + "title")!);
        Assert.Equal("a, 2: probability 1.000", (string)cells[1].Element(SvgXml.Ns + "title")!);
    }

    [Fact]
    public void Heatmap_RejectsAWrongNumberOfValues() =>
        Assert.Throws<ArgumentException>(() => Heatmap.Render([0, 1, 0.5], ["a", "b"], ["1", "2"], "h", "x"));
}
