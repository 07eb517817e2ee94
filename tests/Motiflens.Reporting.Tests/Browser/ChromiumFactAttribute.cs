namespace Motiflens.Reporting.Tests.Browser;

/// <summary>A fact that needs chromium: skipped (visibly) when it is absent, unless CI=true, where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip = "chromium not installed (apt-get install -y chromium, or set MOTIFLENS_CHROMIUM); browser test skipped";
        }
    }
}
