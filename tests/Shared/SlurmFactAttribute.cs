using System.Diagnostics;

namespace Motiflens.Tests.Shared;

/// <summary>
/// A test that needs a running Slurm cluster (sbatch, squeue, ...; in CI the single-node cluster of .ci/slurm/start.sh).
/// Outside CI it is skipped with a visible message when no cluster answers; in CI (environment CI=true) it always
/// runs, so a missing cluster fails it instead of hiding it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public SlurmFactAttribute()
    {
        if (Missing.Value is { } why && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"needs Slurm ({why}); start one with .ci/slurm/start.sh";
        }
    }

    /// <summary>Null when squeue answers, else what is missing.</summary>
    private static string? Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("squeue", "--noheader --me")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "squeue could not be started";
            }

            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return "squeue did not answer within 10 s";
            }

            return process.ExitCode == 0 ? null : $"squeue failed: {stderr.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "squeue is not installed";
        }
    }
}
