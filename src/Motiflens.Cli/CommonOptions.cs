using System.CommandLine;

namespace Motiflens.Cli;

/// <summary>Factories for the options every command carries (--seed, --threads, --json).</summary>
public static class CommonOptions
{
    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed; same seed and thread count give identical results",
        DefaultValueFactory = _ => 0,
    };

    public static Option<int> Threads() => new Option<int>("--threads")
    {
        Description = "Worker threads (default: all cores)",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.AtLeast(1);

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print a machine-readable JSON result on stdout (human text goes to stderr)",
    };

    /// <summary>The name of the global quiet option.</summary>
    public const string QuietName = "--quiet";

    /// <summary>
    /// --quiet / -q, on the root and every command: no progress and no informational text on stderr (errors and
    /// warnings still print; --json output is unaffected).
    /// </summary>
    public static Option<bool> Quiet() => new(QuietName, "-q")
    {
        Description = "No progress bars or informational text on stderr (errors and warnings still print)",
        Recursive = true,
    };

    /// <summary>Validates a thread count, as bad input rather than a crash (for counts that do not come from <see cref="Threads"/>).</summary>
    public static int CheckThreads(int threads) =>
        threads >= 1 ? threads : throw new IO.InputException($"--threads must be at least 1; got {threads}");
}
