namespace Motiflens.Cli.Tests;

/// <summary>What one in-process run of the CLI returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the CLI in-process with captured stdout/stderr (use from [Collection("Console")] classes).</summary>
public static class CliHarness
{
    public static CliResult Run(params string[] args)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = Program.Run(args);
            return new CliResult(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    /// <summary>A fresh empty temp directory, removed by the caller.</summary>
    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "motiflens-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
