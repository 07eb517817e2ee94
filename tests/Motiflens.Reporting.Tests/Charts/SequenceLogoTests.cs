using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Svg;
using Motiflens.Reporting.Tests.Svg;

namespace Motiflens.Reporting.Tests.Charts;

public class SequenceLogoTests
{
    // Position 1: pure A (2 bits, A is 2 bits tall). Position 2: uniform (0 bits, no letters).
    // Position 3: A/C 0.5 each (1 bit: A and C 0.5 bit each).
    private static readonly double[] Matrix = [1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25, 0.5, 0.5, 0, 0];

    [Fact]
    public void Logo_DrawsOneColouredPathPerVisibleLetter()
    {
        var svg = SvgXml.Parse(SequenceLogo.Render(Matrix, "test logo", columnWidth: 20, plotHeight: 100));
        var letters = SvgXml.WithClass(svg, "path", "letter").ToList();
        Assert.Equal(["A", "A", "C"], letters.Select(l => (string)l.Attribute("data-letter")!));
        Assert.Equal(["#109648", "#109648", "#255C99"], letters.Select(l => (string)l.Attribute("fill")!));
        Assert.Equal(NucleotideGlyphs.PathOf(0), (string)letters[0].Attribute("d")!);
        Assert.Equal(NucleotideGlyphs.PathOf(1), (string)letters[2].Attribute("d")!);
        Assert.Equal("chart chart-logo", (string)svg.Attribute("class")!);
    }

    [Fact]
    public void Logo_LetterHeightsAreProportionalToInformation()
    {
        var svg = SvgXml.Parse(SequenceLogo.Render(Matrix, "test logo", columnWidth: 20, plotHeight: 100));
        var letters = SvgXml.WithClass(svg, "path", "letter").ToList();
        Assert.Equal([2.0, 0.5, 0.5], letters.Select(l => SvgXml.D(l, "data-height")));
        // The plot is 100 px for 2 bits: 2 bits -> 100 px (scale 1 of the 100-unit glyph), 0.5 bit -> 25 px.
        Assert.Equal(1.0, SvgXml.Matrix(letters[0]).Sy, 4);
        Assert.Equal(0.25, SvgXml.Matrix(letters[1]).Sy, 4);
        Assert.Equal(0.25, SvgXml.Matrix(letters[2]).Sy, 4);
        // Both letters of position 3 sit in column 3 (x = 64 + 2·20 + 1), one on top of the other.
        Assert.Equal(105, SvgXml.Matrix(letters[1]).X, 2);
        Assert.Equal(25, Math.Abs(SvgXml.Matrix(letters[1]).Y - SvgXml.Matrix(letters[2]).Y), 2);
    }

    [Fact]
    public void Logo_StacksTheTallestLetterOnTop()
    {
        var svg = SvgXml.Parse(SequenceLogo.Render([0.1, 0.7, 0.1, 0.1], "one column"));
        var letters = SvgXml.WithClass(svg, "path", "letter").ToList();
        Assert.Equal(4, letters.Count);
        var top = letters.OrderBy(l => SvgXml.Matrix(l).Y).First();
        Assert.Equal("C", (string)top.Attribute("data-letter")!);
        // Drawn last, above the three 0.1 letters.
        Assert.Same(letters[^1], top);
    }

    [Fact]
    public void ColumnHeights_MatchHandComputedInformation()
    {
        Span<double> h = stackalloc double[4];
        SequenceLogo.ColumnHeights([0.7, 0.1, 0.1, 0.1], LogoMode.Information, h);
        // IC = 2 + 0.7·log2 0.7 + 3·0.1·log2 0.1 = 0.643221; A = 0.7·IC, others 0.1·IC.
        Assert.Equal(0.7 * 0.6432206, h[0], 6);
        Assert.Equal(0.1 * 0.6432206, h[3], 6);
        SequenceLogo.ColumnHeights([2, 2, 0, 0], LogoMode.Probability, h);
        Assert.Equal([0.5, 0.5, 0, 0], h.ToArray());
    }

    [Fact]
    public void ProbabilityLogo_FillsEveryColumnToOne()
    {
        var svg = SvgXml.Parse(SequenceLogo.Render([0.25, 0.25, 0.25, 0.25], "uniform", LogoMode.Probability, plotHeight: 100));
        var letters = SvgXml.WithClass(svg, "path", "letter").ToList();
        Assert.Equal(4, letters.Count);
        Assert.Equal(1.0, letters.Sum(l => SvgXml.Matrix(l).Sy), 3);
    }

    [Fact]
    public void Logo_RejectsAMatrixThatIsNotLBy4()
    {
        Assert.Throws<ArgumentException>(() => SequenceLogo.Render([0.5, 0.5, 0], "bad"));
    }
}
