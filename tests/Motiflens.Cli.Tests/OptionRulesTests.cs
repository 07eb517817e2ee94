namespace Motiflens.Cli.Tests;

public class OptionRulesTests
{
    [Theory]
    [InlineData("--epochs", "0", "error: --epochs must be at least 1; got 0 (see `motiflens train --help`)")]
    [InlineData("--lr", "-0.5", "error: --lr must be a positive number; got -0.5 (see `motiflens train --help`)")]
    [InlineData("--l2", "-1", "error: --l2 must be zero or positive; got -1 (see `motiflens train --help`)")]
    [InlineData("--momentum", "1", "error: --momentum must be in [0, 1); got 1 (see `motiflens train --help`)")]
    [InlineData("--threads", "0", "error: --threads must be at least 1; got 0 (see `motiflens train --help`)")]
    public void OutOfRangeValue_IsAParseErrorWithExitCode2(string option, string value, string expected)
    {
        // The rules run at parse time: nothing is read, so the missing files do not matter.
        var r = CliHarness.Run("train", "--data", "missing.npz", "--model", "bionas-small", "--out", "never-created", option, value);
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Equal(expected, r.Stderr.TrimEnd());
        Assert.False(Directory.Exists("never-created"));
    }

    [Fact]
    public void InRangeValues_PassTheRules()
    {
        var r = CliHarness.Run("train", "--data", "missing.npz", "--model", "bionas-small", "--out", "never-created", "--epochs", "1", "--lr", "0.1", "--l2", "0", "--momentum", "0");
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.StartsWith("error: missing.npz", r.Stderr);
    }
}
