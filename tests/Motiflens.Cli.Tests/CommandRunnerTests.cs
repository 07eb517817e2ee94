using Motiflens.IO;

namespace Motiflens.Cli.Tests;

[Collection("Console")]
public class CommandRunnerTests
{
    [Fact]
    public void InputException_BecomesOneLineAndExitCode2()
    {
        var oldErr = Console.Error;
        using var err = new StringWriter();
        Console.SetError(err);
        try
        {
            int code = CommandRunner.Run(_ => throw new InputException("data.npz", "x_train", "missing array"));
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Equal("error: data.npz: x_train: missing array", err.ToString().Trim());
        }
        finally
        {
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void UnexpectedException_IsInternalErrorExitCode1()
    {
        var oldErr = Console.Error;
        using var err = new StringWriter();
        Console.SetError(err);
        try
        {
            int code = CommandRunner.Run(_ => throw new InvalidOperationException("boom"));
            Assert.Equal(ExitCodes.InternalError, code);
            Assert.Contains("boom", err.ToString());
        }
        finally
        {
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void Version_PrintsProgramName()
    {
        var r = CliHarness.Run("version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("motiflens ", r.Stdout);
    }
}
