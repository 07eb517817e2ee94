using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Svg;

namespace Motiflens.Reporting.Tests.Svg;

public class SvgLayoutTests
{
    [Fact]
    public void Grid_PlacesPanelsRowByRowAndSizesToTheLargest()
    {
        var a = new SvgCanvas(100, 50).ToSvg("a");
        var b = new SvgCanvas(60, 80).ToSvg("b");
        var c = new SvgCanvas(30, 20).ToSvg("c");
        var grid = SvgXml.Parse(SvgLayout.Grid([a, b, c], columns: 2, "grid", gap: 10));
        // Columns 100 and 60 wide, rows 80 and 20 tall, 10 apart.
        Assert.Equal(170, SvgXml.D(grid, "width"));
        Assert.Equal(110, SvgXml.D(grid, "height"));
        var panels = grid.Elements(SvgXml.Ns + "svg").ToList();
        Assert.Equal([(0.0, 0.0), (110.0, 0.0), (0.0, 90.0)], panels.Select(p => (SvgXml.D(p, "x"), SvgXml.D(p, "y"))));
        Assert.Equal((30.0, 20.0), SvgLayout.Size(c));
    }

    [Fact]
    public void PngExport_DrawsTheSvgAtTheRequestedScale()
    {
        var png = PngExport.FromSvg(SequenceLogo.Render([1, 0, 0, 0, 0, 0, 0, 1], "two letters"), scale: 1.5);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var (width, height) = SvgLayout.Size(SequenceLogo.Render([1, 0, 0, 0, 0, 0, 0, 1], "two letters"));
        int w = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        int h = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal((int)Math.Ceiling(width * 1.5), w);
        Assert.Equal((int)Math.Ceiling(height * 1.5), h);
    }
}
