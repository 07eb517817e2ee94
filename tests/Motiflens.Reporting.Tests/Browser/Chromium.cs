namespace Motiflens.Reporting.Tests.Browser;

/// <summary>
/// Where Debian's chromium is (MOTIFLENS_CHROMIUM overrides), and whether browser tests must run: on CI (CI=true)
/// a missing browser is a failure, elsewhere the tests are skipped with a message saying how to install it.
/// </summary>
internal static class Chromium
{
    public static readonly string? Path = Find();

    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("MOTIFLENS_CHROMIUM");
        foreach (var candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
