namespace Motiflens.Cli.Tests;

/// <summary>Tests that redirect Console.Out/Error share this collection so they never run concurrently.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection
{
}
