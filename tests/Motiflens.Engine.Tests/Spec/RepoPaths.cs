namespace Motiflens.Engine.Tests.Spec;

/// <summary>Locates the repository root (the folder holding Motiflens.slnx) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root
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

    public static string Example(string name) => Path.Combine(Root, "examples", "models", name);
}
