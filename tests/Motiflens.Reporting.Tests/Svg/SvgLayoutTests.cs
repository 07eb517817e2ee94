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
        Assert.Equal("chart chart-grid", (string)grid.Attribute("class")!);
    }

    [Fact]
    public void MatchFigure_AlignsTheMotifWhereItMatchedTheFilter()
    {
        // A 3-row motif matched at offset −1 of a 4-row filter: both drawn over positions −1..3 (5 columns); the
        // motif's first letter in column 1, the filter's in column 2.
        var motif = Motiflens.Genomics.Motifs.PositionWeightMatrix.FromConsensus("M", "M", "ACG", epsilon: 0);
        double[] filter = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
        var svg = Motiflens.Reporting.Reports.FilterSection.MatchFigure(motif, new Motiflens.Interpretation.Knowledge.KnowledgeMatch("M", 0, -1, '+', 0.1), filter, 4,
            LogoMode.Information);
        var root = SvgXml.Parse(svg);
        Assert.Equal("chart chart-match", (string)root.Attribute("class")!);
        var panels = root.Elements(SvgXml.Ns + "svg").ToList();
        Assert.Equal(2, panels.Count);
        Assert.Equal(SvgXml.D(panels[0], "width"), SvgXml.D(panels[1], "width"));
        var motifLetters = SvgXml.WithClass(panels[0], "path", "letter").ToList();
        var filterLetters = SvgXml.WithClass(panels[1], "path", "letter").ToList();
        Assert.Equal(["A", "C", "G"], motifLetters.Select(l => (string)l.Attribute("data-letter")!));
        Assert.Equal(["T", "T", "T", "T"], filterLetters.Select(l => (string)l.Attribute("data-letter")!));
        // Columns are 18 wide from x = 64 (+1 inset): motif starts in column 0, filter in column 1.
        Assert.Equal(65, SvgXml.Matrix(motifLetters[0]).X, 2);
        Assert.Equal(83, SvgXml.Matrix(filterLetters[0]).X, 2);
        Assert.Equal(SvgXml.Matrix(motifLetters[1]).X, SvgXml.Matrix(filterLetters[0]).X, 2);
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
