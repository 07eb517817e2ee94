namespace Motiflens.Search.Population;

/// <summary>Progress of a population run.</summary>
/// <param name="Done">Members finished (including those found finished when resuming).</param>
/// <param name="Total">Members in the grid.</param>
/// <param name="Failed">Members finished with status "failed".</param>
/// <param name="Running">Members training right now.</param>
/// <param name="Last">The member that just finished, or null for a start-of-member update.</param>
public sealed record PopulationProgress(int Done, int Total, int Failed, int Running, PopulationRow? Last);
