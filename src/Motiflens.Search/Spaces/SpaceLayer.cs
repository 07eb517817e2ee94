namespace Motiflens.Search.Spaces;

/// <summary>One searchable layer of a <see cref="ModelSpace"/>: its candidate operations, in file order (token = index).</summary>
/// <param name="Name">A label for reports (e.g. "conv", "pool").</param>
/// <param name="Options">The candidates; the architecture's token for this layer indexes this list.</param>
/// <param name="Line">1-based line of the layer in the space file (0 when built in code).</param>
public sealed record SpaceLayer(string Name, IReadOnlyList<Operation> Options, int Line = 0);
