namespace Motiflens.Search.Tests;

internal static class TestPaths
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Motiflens.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static string Example(string name) => Path.Combine(RepoRoot, "examples", "spaces", name);

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "search", name);

    public static string TempDir()
    {
        var path = Path.Combine(Path.GetTempPath(), "motiflens-search-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
