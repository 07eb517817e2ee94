using System.Text.Json.Serialization;

namespace Motiflens.Search.History;

/// <summary>
/// One evaluated child, one line of a search history (JSON Lines; field names as in <see cref="JsonPropertyNameAttribute"/>).
/// Failed children have reward NaN and a <see cref="Reason"/>; the search gives them the worst reward seen so far when it
/// updates the controller.
/// </summary>
public sealed record ChildRecord
{
    /// <summary>Trial id, unique within a history (0, 1, 2, ... in sampling order).</summary>
    [JsonPropertyName("trial")]
    public required int Trial { get; init; }

    /// <summary>The controller episode the child belongs to (-1 for grid runs and imported histories).</summary>
    [JsonPropertyName("episode")]
    public int Episode { get; init; } = -1;

    /// <summary>Replicate number when an architecture is trained several times (grid); 0 otherwise.</summary>
    [JsonPropertyName("replicate")]
    public int Replicate { get; init; }

    /// <summary>The architecture: the chosen option index per searchable layer.</summary>
    [JsonPropertyName("tokens")]
    public required IReadOnlyList<int> Tokens { get; init; }

    /// <summary>Readable layer strings, one per searchable layer, e.g. "conv1d(filters=3,kernel=14,relu)".</summary>
    [JsonPropertyName("layers")]
    public required IReadOnlyList<string> Layers { get; init; }

    /// <summary>Validation loss L (null when failed).</summary>
    [JsonPropertyName("loss")]
    public double? Loss { get; init; }

    /// <summary>Knowledge dissimilarity K of the first convolution's filters (null when failed or no knowledge).</summary>
    [JsonPropertyName("knowledge")]
    public double? Knowledge { get; init; }

    /// <summary>Multi-scale KLD of the child's saliency (null when not computed).</summary>
    [JsonPropertyName("kld")]
    public double? Kld { get; init; }

    [JsonPropertyName("reward")]
    public double Reward { get; init; }

    [JsonPropertyName("lambda")]
    public double Lambda { get; init; }

    [JsonPropertyName("mu")]
    public double Mu { get; init; }

    /// <summary>Further validation metrics (auroc, aupr, accuracy, ...).</summary>
    [JsonPropertyName("metrics")]
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    [JsonPropertyName("wall_seconds")]
    public double WallSeconds { get; init; }

    [JsonPropertyName("status")]
    public ChildStatus Status { get; init; } = ChildStatus.Ok;

    /// <summary>Why the child failed (null when ok).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonIgnore]
    public bool IsOk => Status == ChildStatus.Ok && Loss is not null;
}
