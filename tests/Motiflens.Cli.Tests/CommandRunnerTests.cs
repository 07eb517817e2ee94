using Motiflens.IO;

namespace Motiflens.Cli.Tests;

public class CommandRunnerTests
{
    [Fact]
    public void InputException_BecomesOneLineAndExitCode2()
    {
        using var err = new StringWriter();
        using (Output.Capture(TextWriter.Null, err))
        {
            int code = CommandRunner.Run(_ => throw new InputException("data.npz", "x_train", "missing array"));
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Equal("error: data.npz: x_train: missing array", err.ToString().Trim());
        }
    }

    [Fact]
    public void UnexpectedException_IsInternalErrorExitCode1()
    {
        using var err = new StringWriter();
        using (Output.Capture(TextWriter.Null, err))
        {
            int code = CommandRunner.Run(_ => throw new InvalidOperationException("boom"));
            Assert.Equal(ExitCodes.InternalError, code);
            Assert.Contains("boom", err.ToString());
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
