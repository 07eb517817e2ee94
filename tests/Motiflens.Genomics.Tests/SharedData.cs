namespace Motiflens.Genomics.Tests;

/// <summary>Paths of the real motif databases in &lt;repo root&gt;/../shared/data (never copied into the repo).</summary>
public static class SharedData
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The folder of the shared motif databases.</summary>
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    public static string File(string name) => Path.Combine(Folder, name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Motiflens.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Motiflens.slnx) not found");
    }
}
