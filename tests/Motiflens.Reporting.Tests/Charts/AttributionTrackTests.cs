using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Tests.Svg;

namespace Motiflens.Reporting.Tests.Charts;

public class AttributionTrackTests
{
    [Fact]
    public void Track_DrawsPositivesAboveAndNegativesBelowZero()
    {
        // Position 1: A +1, C +0.5. Position 2: G −1. Position 3: nothing.
        float[] map = [1, 0.5f, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0];
        var svg = SvgXml.Parse(AttributionTrack.Render(map, "track", columnWidth: 10, plotHeight: 100));
        var letters = SvgXml.WithClass(svg, "path", "letter").ToList();
        Assert.Equal(["C", "A", "G"], letters.Select(l => (string)l.Attribute("data-letter")!));
        double zero = SvgXml.D(SvgXml.WithClass(svg, "line", "zero-line").Single(), "y1");
        var (_, syC, _, yC) = SvgXml.Matrix(letters[0]);
        var (_, syA, _, yA) = SvgXml.Matrix(letters[1]);
        var (_, syG, _, yG) = SvgXml.Matrix(letters[2]);
        // Range −1..1.5 over 100 px: 40 px per unit.
        Assert.Equal(20, syC * 100, 1);
        Assert.Equal(40, syA * 100, 1);
        Assert.Equal(40, syG * 100, 1);
        Assert.Equal(zero - 20, yC, 1);       // C (0.5) sits on the zero line
        Assert.Equal(zero - 60, yA, 1);       // A (1.0) on top of C
        Assert.Equal(zero, yG, 1);            // G (−1) hangs below the zero line
        Assert.Equal(-1, SvgXml.D(letters[2], "data-height"));
    }

    [Fact]
    public void Track_ShadesHighlightedPositions()
    {
        var svg = SvgXml.Parse(AttributionTrack.Render(new float[12], "track", highlight: new[] { false, true, true }));
        var shaded = svg.Descendants(SvgXml.Ns + "g").Single(g => (string?)g.Attribute("class") == "highlight").Elements().Count();
        Assert.Equal(2, shaded);
    }
}
