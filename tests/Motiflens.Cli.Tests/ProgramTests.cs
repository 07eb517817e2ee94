namespace Motiflens.Cli.Tests;

public class ProgramTests
{
    [Theory]
    [InlineData(new[] { "train", "--data", "d.npz", "--model", "m.json", "--out", "o", "--epochs", "many" },
        "error: Cannot parse argument 'many' for option '--epochs' as expected type 'System.Int32'. (see `motiflens train --help`)")]
    [InlineData(new[] { "no-such-command" },
        "error: Required command was not provided. Unrecognized command or argument 'no-such-command'. (see `motiflens --help`)")]
    public void ParseError_IsOneLineOnStderrAndExitCode2(string[] args, string expected)
    {
        var r = CliHarness.Run(args);
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Equal(expected + Environment.NewLine, r.Stderr);
    }

    [Fact]
    public void Help_GoesToTheInvocationsStdoutWithExitCode0()
    {
        var r = CliHarness.Run("version", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Stdout);
        Assert.Contains("version [options]", r.Stdout);
    }
}
