using System.Text.Json;
using Microsoft.Playwright;
using Motiflens.Reporting.Reports;

namespace Motiflens.Reporting.Tests.Browser;

/// <summary>
/// Opens each kind of report in headless chromium: no console or page errors, no network request, the expected
/// charts present and drawn with a non-empty size. A screenshot of each page is kept under TestResults/screenshots
/// (MOTIFLENS_TEST_ARTIFACTS overrides the folder).
/// </summary>
public class ReportBrowserTests(ChromiumSession session) : IClassFixture<ChromiumSession>
{
    [ChromiumFact]
    public async Task ModelReport_RendersInChromium()
    {
        using var f = new ReportFixtures();
        var charts = await Render(f, f.Model(), new ReportOptions { Data = f.Dataset(), Knowledge = f.Motifs(), Examples = 2 }, "model");
        Assert.Equal(2, charts.GetValueOrDefault("line"));
        Assert.Equal(3, charts.GetValueOrDefault("logo"));
        Assert.Equal(1, charts.GetValueOrDefault("match"));
        Assert.Equal(2, charts.GetValueOrDefault("attribution"));
    }

    [ChromiumFact]
    public async Task SearchReport_RendersInChromium()
    {
        using var f = new ReportFixtures();
        var charts = await Render(f, f.Search(knowledge: f.Motifs()), new ReportOptions(), "search");
        Assert.Equal(4, charts.GetValueOrDefault("line"));
        Assert.Equal(2, charts.GetValueOrDefault("heatmap"));
        Assert.Equal(1, charts.GetValueOrDefault("bar"));
        Assert.Equal(3, charts.GetValueOrDefault("logo"));
        Assert.Equal(1, charts.GetValueOrDefault("match"));
    }

    [ChromiumFact]
    public async Task PopulationReport_RendersInChromium()
    {
        using var f = new ReportFixtures();
        var charts = await Render(f, f.Population(), new ReportOptions(), "population");
        Assert.Equal(3, charts.GetValueOrDefault("scatter"));
        Assert.Equal(1, charts.GetValueOrDefault("bar"));
        Assert.Equal(4, charts.GetValueOrDefault("attribution"));
    }

    /// <summary>Writes the report, opens it, checks errors and sizes, saves a screenshot; returns chart counts by kind as drawn.</summary>
    private async Task<Dictionary<string, int>> Render(ReportFixtures f, string dir, ReportOptions options, string name)
    {
        Assert.True(Chromium.Path is not null, "CI=true but chromium was not found (install it: apt-get install -y chromium)");
        var htmlPath = Path.Combine(f.Root, name + ".html");
        ReportBuilder.Write(dir, htmlPath, options);

        Assert.NotNull(session.Browser);
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                requests.Add(request.Url);
            }
        };

        var response = await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Ok);

        // Every chart must be laid out with a real size; the page has no scripts of its own.
        var drawn = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('figure[data-chart] > svg')].map(s => {
                const r = s.getBoundingClientRect();
                return { kind: s.parentElement.dataset.chart, w: r.width, h: r.height, paths: s.querySelectorAll('path, circle, rect, polyline').length };
            })
            """);
        int scripts = await page.EvaluateAsync<int>("() => document.scripts.length");
        var folder = Environment.GetEnvironmentVariable("MOTIFLENS_TEST_ARTIFACTS")
            ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));
        Directory.CreateDirectory(folder);
        var screenshot = Path.Combine(folder, $"report-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        Assert.Empty(errors);
        Assert.Empty(requests);
        Assert.Equal(0, scripts);
        Assert.True(new FileInfo(screenshot).Length > 10_000, $"screenshot {screenshot} looks empty");
        var counts = new Dictionary<string, int>();
        foreach (var chart in drawn.EnumerateArray())
        {
            string kind = chart.GetProperty("kind").GetString()!;
            Assert.True(chart.GetProperty("w").GetDouble() > 50 && chart.GetProperty("h").GetDouble() > 50, $"a {kind} chart was drawn empty");
            Assert.True(chart.GetProperty("paths").GetInt32() > 0, $"a {kind} chart has no marks");
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        return counts;
    }
}
