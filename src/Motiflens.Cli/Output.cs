using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Motiflens.Cli;

/// <summary>
/// The only place that writes to the console. Human text and progress go to stderr; JSON results go to
/// stdout. Progress bars are drawn only when stderr is a terminal.
/// </summary>
public static class Output
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly Lazy<OutputContext> ConsoleContext = new(OutputContext.ForConsole);

    private static readonly AsyncLocal<OutputContext?> Scoped = new();

    /// <summary>The context of the running invocation: a captured one, else the console.</summary>
    public static OutputContext Current => Scoped.Value ?? ConsoleContext.Value;

    /// <summary>Whether live progress bars can be drawn.</summary>
    public static bool Interactive => Current.Interactive;

    /// <summary>Set by the global --quiet: progress and informational lines are dropped (warnings still print).</summary>
    public static bool Quiet
    {
        get => Current.Quiet;
        set => Current.Quiet = value;
    }

    /// <summary>Standard output of the running invocation (results only: JSON lines or result text).</summary>
    public static TextWriter Out => Current.Out;

    /// <summary>Standard error of the running invocation.</summary>
    public static TextWriter Error => Current.Error;

    public static IAnsiConsole Stderr => Current.Ansi;

    /// <summary>
    /// Sends every Output call of this flow of execution (including tasks and threads it starts) to
    /// <paramref name="stdout"/> and <paramref name="stderr"/> until the result is disposed; other flows keep theirs.
    /// </summary>
    public static IDisposable Capture(TextWriter stdout, TextWriter stderr)
    {
        var previous = Scoped.Value;
        Scoped.Value = new OutputContext(stdout, stderr, terminal: false);
        return new Restore(() => Scoped.Value = previous);
    }

    /// <summary>Writes a line of human text to stderr (escaped, never interpreted as markup); under --quiet only warnings.</summary>
    public static void Info(string text)
    {
        if (!Quiet || (text ?? string.Empty).StartsWith("warning", StringComparison.OrdinalIgnoreCase))
        {
            Error.WriteLine(text);
        }
    }

    /// <summary>Writes a line of result text to stdout (the human form of a result, when --json is off).</summary>
    public static void Line(string text) => Out.WriteLine(text);

    /// <summary>Writes an error line to stderr; it prints even under --quiet.</summary>
    public static void Failure(string text) => Error.WriteLine(text);

    /// <summary>
    /// Writes <paramref name="value"/> as one JSON line on stdout. A command's result is a named record whose
    /// PascalCase properties are written in snake_case (<c>SeqsPerS</c> → <c>seqs_per_s</c>); an explicit
    /// <c>[JsonPropertyName]</c> wins, and dictionary keys are written as they are.
    /// </summary>
    public static void Json<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>
    /// Runs <paramref name="work"/> with a progress reporter: a live bar on a terminal, otherwise a line
    /// every ~10% (so logs of batch jobs still show progress).
    /// </summary>
    public static T WithProgress<T>(string title, Func<IProgress<ProgressInfo>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Quiet)
        {
            return work(new Progress<ProgressInfo>());
        }

        if (!Interactive)
        {
            var plain = new PlainProgress(title);
            return work(plain);
        }

        T result = default!;
        Stderr.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                var reporter = new SyncProgress(p =>
                {
                    if (p.Total > 0)
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                    }

                    task.Description = Markup.Escape(string.IsNullOrEmpty(p.Message) ? title : $"{title} {p.Message}");
                });
                result = work(reporter);
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<ProgressInfo> report) : IProgress<ProgressInfo>
    {
        private readonly Lock _gate = new();

        public void Report(ProgressInfo value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class PlainProgress(string title) : IProgress<ProgressInfo>
    {
        private readonly Lock _gate = new();
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly TextWriter _error = Error;
        private int _lastDecile = -1;

        public void Report(ProgressInfo value)
        {
            lock (_gate)
            {
                int decile = value.Total > 0 ? (int)(10 * value.Done / value.Total) : -1;
                if (decile != _lastDecile || value.Done >= value.Total)
                {
                    _lastDecile = decile;
                    var pct = value.Total > 0 ? $"{100.0 * value.Done / value.Total,5:F1}% " : string.Empty;
                    _error.WriteLine($"{title}: {pct}{value.Message}{Eta(value)}".TrimEnd());
                }
            }
        }

        /// <summary>" (ETA m:ss)" from the rate so far, once there is progress and work left.</summary>
        private string Eta(ProgressInfo value)
        {
            // Some commands (train) compute their own ETA from their own clock.
            if (value.Total <= 0 || value.Done <= 0 || value.Done >= value.Total || value.Message.Contains("ETA", StringComparison.Ordinal))
            {
                return string.Empty;
            }

            var left = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (value.Total - value.Done) / value.Done);
            return left.TotalHours >= 1 ? $" (ETA {(int)left.TotalHours}:{left:mm\\:ss})" : $" (ETA {left:m\\:ss})";
        }
    }
}

/// <summary>A progress update: <paramref name="Done"/> of <paramref name="Total"/> units plus a short status.</summary>
public readonly record struct ProgressInfo(double Done, double Total, string Message = "");
