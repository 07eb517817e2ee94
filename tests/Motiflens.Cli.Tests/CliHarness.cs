namespace Motiflens.Cli.Tests;

/// <summary>What one in-process run of the CLI returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the CLI in-process. Each run captures its own stdout and stderr (<see cref="Output.Capture"/>), so tests
/// that run the CLI may run in parallel.
/// </summary>
public static class CliHarness
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code;
        using (Output.Capture(stdout, stderr))
        {
            code = Program.Run(args);
        }

        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh empty temp directory, removed by the caller.</summary>
    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "motiflens-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
