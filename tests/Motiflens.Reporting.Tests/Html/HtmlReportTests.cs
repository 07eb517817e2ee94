using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Html;

namespace Motiflens.Reporting.Tests.Html;

public class HtmlReportTests
{
    [Fact]
    public void Report_IsOneSelfContainedPageWithEscapedText()
    {
        var report = new HtmlReport("Title <x>", "from a & b");
        report.Section("One");
        report.Paragraph("1 < 2");
        report.Figure(SequenceLogo.Render([1, 0, 0, 0], "logo"), "a logo");
        report.Section("Two");
        report.Table(["name", "value"], [["m<1>", "0.5"]], ["failed"]);
        string html = report.ToHtml();

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Title &lt;x&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<p>1 &lt; 2</p>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"failed\"><td>m&lt;1&gt;</td><td class=\"num\">0.5</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#s2\">Two</a>", html, StringComparison.Ordinal);
        Assert.Contains("<figure data-chart=\"logo\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(["logo"], report.Charts);
    }

    [Theory]
    [InlineData("<svg class=\"chart chart-scatter\" width=\"1\">", "scatter")]
    [InlineData("<svg class=\"chart chart-logo\">", "logo")]
    [InlineData("<svg width=\"1\">", "svg")]
    public void ChartKind_IsReadFromTheRootClass(string svg, string kind) => Assert.Equal(kind, HtmlReport.ChartKind(svg));
}
