using Spectre.Console;

namespace Motiflens.Cli;

/// <summary>
/// Where one CLI invocation writes: its stdout and stderr writers, whether they are a terminal, and its --quiet
/// flag. The process has one over the console; <see cref="Output.Capture"/> gives an invocation its own, so
/// several invocations can run at once in one process (the CLI tests do).
/// </summary>
public sealed class OutputContext
{
    private readonly Lazy<IAnsiConsole> _ansi;

    /// <param name="stdout">Results: JSON lines and result text.</param>
    /// <param name="stderr">Human text, progress, warnings and errors.</param>
    /// <param name="terminal">Whether <paramref name="stderr"/> is a terminal (live progress bars, colour).</param>
    public OutputContext(TextWriter stdout, TextWriter stderr, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        Out = stdout;
        Error = stderr;
        Interactive = terminal;
        _ansi = new(() => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        }));
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether live progress bars can be drawn on <see cref="Error"/>.</summary>
    public bool Interactive { get; }

    /// <summary>Set by the global --quiet: progress and informational lines are dropped (warnings still print).</summary>
    public bool Quiet { get; set; }

    /// <summary>A Spectre console over <see cref="Error"/>, plain when it is not a terminal.</summary>
    public IAnsiConsole Ansi => _ansi.Value;

    /// <summary>The process's console (the writers are looked up once, when first used).</summary>
    public static OutputContext ForConsole() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
