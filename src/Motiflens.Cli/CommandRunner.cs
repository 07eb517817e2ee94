using Motiflens.IO;

namespace Motiflens.Cli;

/// <summary>
/// Runs a command body with the project's error contract: bad input is one line on stderr and exit 2,
/// Ctrl+C is exit 130, anything else is an internal error (exit 1) with its message.
/// </summary>
public static class CommandRunner
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
            Console.Error.WriteLine($"error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"internal error: {OneLine(ex.Message)} ({ex.GetType().Name})");
            if (Environment.GetEnvironmentVariable("MOTIFLENS_DEBUG") == "1")
            {
                Console.Error.WriteLine(ex);
            }

            return ExitCodes.InternalError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
