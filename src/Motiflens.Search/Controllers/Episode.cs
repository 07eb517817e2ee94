using System.Text.Json.Serialization;

namespace Motiflens.Search.Controllers;

/// <summary>The children sampled and evaluated in one controller episode (one update).</summary>
public sealed record Episode(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("children")] IReadOnlyList<EpisodeChild> Children);
