namespace Motiflens.Genomics.Tests;

/// <summary>
/// A fact that reads the real motif databases in ../shared/data: skipped, with the reason shown in the test
/// report, when that folder is absent (a clone outside the project's workspace), instead of failing.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!Directory.Exists(SharedData.Folder))
        {
            Skip = $"needs the shared motif databases in {SharedData.Folder}, which is absent";
        }
    }
}
