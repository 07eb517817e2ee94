using Microsoft.Playwright;

namespace Motiflens.Reporting.Tests.Browser;

/// <summary>One headless chromium shared by the browser tests of a class (started once: launching costs seconds).</summary>
public sealed class ChromiumSession : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The browser, or null when chromium is not installed.</summary>
    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (Chromium.Path is null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
