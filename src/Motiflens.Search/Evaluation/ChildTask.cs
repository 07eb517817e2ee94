using System.Text.Json.Serialization;

namespace Motiflens.Search.Evaluation;

/// <summary>
/// One child to evaluate, self-contained so it can be written to a file (<c>child.json</c>) and run elsewhere
/// (a thread, a process, a Slurm job).
/// </summary>
/// <param name="Trial">Unique trial id within the search.</param>
/// <param name="Episode">Controller episode (-1 outside a search).</param>
/// <param name="Tokens">The architecture, one option index per searchable layer.</param>
/// <param name="Layers">Readable layer strings.</param>
/// <param name="Seed">Seed for the child's training (or the replay draw).</param>
/// <param name="Replicate">Replicate number (grid runs).</param>
public sealed record ChildTask(
    [property: JsonPropertyName("trial")] int Trial,
    [property: JsonPropertyName("episode")] int Episode,
    [property: JsonPropertyName("tokens")] IReadOnlyList<int> Tokens,
    [property: JsonPropertyName("layers")] IReadOnlyList<string> Layers,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("replicate")] int Replicate = 0);
