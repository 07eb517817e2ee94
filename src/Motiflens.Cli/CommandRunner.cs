using System.Text.RegularExpressions;
using Motiflens.IO;

namespace Motiflens.Cli;

/// <summary>
/// Runs a command body with the project's error contract: bad input is one line on stderr and exit 2,
/// Ctrl+C is exit 130, anything else is an internal error (exit 1) with its message.
/// </summary>
public static partial class CommandRunner
{
    public static int Run(Func<CancellationToken, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return body(cts.Token);
        }
        catch (InputException ex)
        {
            Output.Failure($"error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Output.Failure("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Output.Failure($"internal error: {OneLine(ex.Message)} ({ex.GetType().Name})");
            if (Environment.GetEnvironmentVariable("MOTIFLENS_DEBUG") == "1")
            {
                Output.Failure(ex.ToString());
            }

            return ExitCodes.InternalError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The message on one line: line ends and tabs become single spaces.</summary>
    internal static string OneLine(string s) => WhitespaceRun().Replace(s, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
