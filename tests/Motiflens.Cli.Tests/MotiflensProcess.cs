using System.Diagnostics;

namespace Motiflens.Cli.Tests;

/// <summary>Runs the built motiflens program as a separate process (for kill -9 tests and cluster jobs).</summary>
public static class MotiflensProcess
{
    /// <summary>The motiflens executable built next to the tests.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "motiflens.exe" : "motiflens");

    /// <summary>Starts motiflens with <paramref name="args"/>; its output is read and dropped.</summary>
    public static Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("motiflens did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The repository's examples folder.</summary>
    public static string Examples
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Motiflens.slnx")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "examples");
        }
    }
}
