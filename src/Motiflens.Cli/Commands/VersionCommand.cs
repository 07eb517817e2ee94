using System.CommandLine;
using System.Reflection;

namespace Motiflens.Cli.Commands;

/// <summary><c>motiflens version</c>: the program version and the runtime it runs on.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the Motiflens version and runtime");
        command.SetAction(_ => CommandRunner.Run(_ =>
        {
            var v = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            Output.Line($"motiflens {v} (.NET {Environment.Version}, {Environment.ProcessorCount} cores)");
            return ExitCodes.Success;
        }));
        return command;
    }
}
