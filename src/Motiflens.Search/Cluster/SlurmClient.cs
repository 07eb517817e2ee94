using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Motiflens.IO;

namespace Motiflens.Search.Cluster;

/// <summary>
/// The Slurm commands the <see cref="JobArrayRunner"/> uses: sbatch to submit, squeue to watch (no accounting database
/// needed), scontrol for a finished task's exit code, scancel to cancel. A missing command or a rejected submission is
/// an <see cref="InputException"/> with Slurm's own message.
/// </summary>
public class SlurmClient
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string? _directory;

    /// <param name="directory">Folder of the Slurm commands; null: found on PATH.</param>
    public SlurmClient(string? directory = null)
    {
        _directory = directory;
    }

    /// <summary>Submits with <c>sbatch --parsable ARGS</c> and returns the job id.</summary>
    public virtual string Submit(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var result = Execute("sbatch", ["--parsable", .. arguments]);
        if (result.ExitCode != 0)
        {
            throw new InputException($"sbatch rejected the job array: {FirstLine(result.Stderr, result.Stdout)}");
        }

        // --parsable prints "jobid" or "jobid;cluster".
        var id = result.Stdout.Trim().Split(';')[0];
        if (id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new InputException($"sbatch printed no job id (expected a number, found '{result.Stdout.Trim()}')");
        }

        return id;
    }

    /// <summary>
    /// The state of every array task of <paramref name="jobIds"/> that squeue still knows, by task id ("1234_5"); null
    /// when squeue could not be asked (the controller is busy or down), so the caller can try again later.
    /// </summary>
    public virtual IReadOnlyDictionary<string, SlurmTaskState>? Queue(IReadOnlyCollection<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var states = new Dictionary<string, SlurmTaskState>(StringComparer.Ordinal);
        if (jobIds.Count == 0)
        {
            return states;
        }

        var result = Execute("squeue", ["--noheader", "--array", "--states=all", "--jobs=" + string.Join(',', jobIds), "--format=%i|%T|%r"]);
        if (result.ExitCode != 0)
        {
            // Every id purged from the controller's memory: squeue says so and fails; that is an empty queue.
            return result.Stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? states : null;
        }

        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length >= 2)
            {
                states[parts[0]] = new SlurmTaskState(parts[1], parts.Length > 2 ? parts[2] : "");
            }
        }

        return states;
    }

    /// <summary>The exit code of a finished task ("3", or "0:9" for a signal) from scontrol, or null when Slurm has forgotten it.</summary>
    public virtual string? ExitCode(string taskId)
    {
        var result = Execute("scontrol", ["show", "job", "--oneliner", taskId]);
        if (result.ExitCode != 0)
        {
            return null;
        }

        foreach (var field in result.Stdout.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (field.StartsWith("ExitCode=", StringComparison.Ordinal))
            {
                var value = field["ExitCode=".Length..];
                return value.EndsWith(":0", StringComparison.Ordinal) ? value[..^2] : value;
            }
        }

        return null;
    }

    /// <summary>Cancels the jobs (every task of each array); errors are ignored (the jobs may have ended already).</summary>
    public virtual void Cancel(IReadOnlyCollection<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        if (jobIds.Count > 0)
        {
            Execute("scancel", [.. jobIds]);
        }
    }

    private static string FirstLine(string stderr, string stdout)
    {
        var text = stderr.Trim().Length > 0 ? stderr : stdout;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // sbatch prints the specific cause first and "Batch job submission failed: ..." last; both help.
        return lines.Length == 0 ? "(no message)" : string.Join(" / ", lines.Take(2).Select(l => l.Replace("sbatch: error: ", "", StringComparison.Ordinal)));
    }

    private sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

    private CommandResult Execute(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(_directory is null ? program : Path.Combine(_directory, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InputException($"{program} could not be started");
        }
        catch (Win32Exception ex)
        {
            throw new InputException($"{info.FileName} not found ({ex.Message}): --executor slurm needs the Slurm commands sbatch, squeue, scontrol and scancel on PATH");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                return new CommandResult(-1, "", string.Create(CultureInfo.InvariantCulture, $"{program} did not answer within {CommandTimeout.TotalSeconds} s"));
            }

            process.WaitForExit();
            return new CommandResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
