using System.CommandLine;
using Motiflens.Cli.Commands;

namespace Motiflens.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = BuildRoot();
        return root.Parse(args).Invoke();
    }

    /// <summary>Every command, one class each (Commands/*.cs). Add new commands here.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Motiflens: train, interpret and score sequence models for regulatory genomics, and search architectures (BioNAS).");
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
                     ReplayCommand.Create(),
                     MaskedCommand.Create(),
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
