namespace Motiflens.Cli.Tests;

/// <summary>
/// Tests that submit jobs to the machine's Slurm cluster share this collection, so they run one after another
/// (each fills the small test cluster); they still run in parallel with the other CLI tests.
/// </summary>
[CollectionDefinition("Slurm")]
public sealed class SlurmCollection
{
}
