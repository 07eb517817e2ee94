using System.CommandLine;
using System.CommandLine.Invocation;
using Motiflens.Cli.Commands;

namespace Motiflens.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Parses and runs one command line (honouring the global --quiet); a parse error is exit 2 with one line.</summary>
    public static int Run(string[] args)
    {
        var root = BuildRoot();
        var parsed = root.Parse(args);
        var quiet = root.Options.OfType<System.CommandLine.Option<bool>>().First(o => o.Name == CommonOptions.QuietName);
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            // A usage mistake is bad input like any other: one line on stderr, exit 2 (not a page of help).
            var names = new List<string>();
            for (var r = parsed.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            {
                names.Insert(0, r.Command is RootCommand ? "motiflens" : r.Command.Name);
            }

            var command = string.Join(' ', names);
            Output.Failure($"error: {CommandRunner.OneLine(string.Join(' ', parsed.Errors.Select(e => e.Message)))} (see `{command} --help`)");
            return ExitCodes.BadInput;
        }

        bool wasQuiet = Output.Quiet;
        Output.Quiet = parsed.GetValue(quiet);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = Output.Out, Error = Output.Error });
        }
        finally
        {
            Output.Quiet = wasQuiet;
        }
    }

    /// <summary>Every command, one class each (Commands/*.cs). Add new commands here.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Motiflens: train, interpret and score sequence models for regulatory genomics, and search architectures (BioNAS).");
        root.Options.Add(CommonOptions.Quiet());
        foreach (var command in new[]
                 {
                     VersionCommand.Create(),
                     DemoCommand.Create(),
                     SimulateCommand.Create(),
                     DatasetCommand.Create(),
                     TrainCommand.Create(),
                     EvaluateCommand.Create(),
                     AttributeCommand.Create(),
                     ScoreCommand.Create(),
                     KnowledgeCommand.Create(),
                     DecodeCommand.Create(),
                     SearchCommand.Create(),
                     GridCommand.Create(),
                     SearchChildCommand.Create(),
                     ReplayCommand.Create(),
                     MaskedCommand.Create(),
                     PopulationCommand.Create(),
                     PopulationMemberCommand.Create(),
                     CalibrateCommand.Create(),
                     ReportCommand.Create(),
                     PlotCommand.Create(),
                     BenchCommand.Create(),
                 })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
