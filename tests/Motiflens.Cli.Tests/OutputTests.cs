namespace Motiflens.Cli.Tests;

public class OutputTests
{
    [Fact]
    public async Task Capture_KeepsConcurrentInvocationsApart()
    {
        // Even runs print the version on stdout; odd runs fail to parse under --quiet and print one error line.
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            i % 2 == 0 ? CliHarness.Run("version") : CliHarness.Run("--quiet", "version", $"--bogus{i}"))));
        for (int i = 0; i < runs.Length; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal((0, string.Empty), (runs[i].ExitCode, runs[i].Stderr));
                Assert.StartsWith("motiflens ", runs[i].Stdout);
                Assert.Single(runs[i].Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
            else
            {
                Assert.Equal((2, string.Empty), (runs[i].ExitCode, runs[i].Stdout));
                Assert.Equal($"error: Unrecognized command or argument '--bogus{i}'. (see `motiflens version --help`)", runs[i].Stderr.TrimEnd());
            }
        }
    }

    [Fact]
    public void Capture_QuietIsPerInvocationAndRestoredAfterwards()
    {
        using var outer = new StringWriter();
        using (Output.Capture(TextWriter.Null, outer))
        {
            using (var inner = new StringWriter())
            using (Output.Capture(TextWriter.Null, inner))
            {
                Output.Quiet = true;
                Output.Info("hidden");
                Output.Info("warning: shown");
                Assert.Equal("warning: shown", inner.ToString().TrimEnd());
            }

            Assert.False(Output.Quiet);
            Output.Info("outer text");
            Output.Line("result");
        }

        Assert.Equal("outer text", outer.ToString().TrimEnd());
    }
}
