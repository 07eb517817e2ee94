using System.Reflection;

namespace Motiflens.Search.Cluster;

/// <summary>How a cluster task starts motiflens when no command is configured.</summary>
public static class MotiflensInvocation
{
    /// <summary>
    /// The program running now: its executable, plus the entry assembly when it runs as <c>dotnet motiflens.dll</c>
    /// (the compute nodes must see the same paths, as on a shared filesystem).
    /// </summary>
    public static IReadOnlyList<string> Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running; pass --motiflens-command");
        var name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
        {
            return [process, entry];
        }

        return [process];
    }
}
