namespace Motiflens.Cli.Results;

/// <summary>One of the best children in <see cref="SearchResult"/>: its rank, trial, reward, loss, knowledge K, KLD, layers and saved model directory.</summary>
internal sealed record SearchBestChildJson(
    int Rank,
    int Trial,
    double Reward,
    double? Loss,
    double? Knowledge,
    double? Kld,
    IReadOnlyList<string> Layers,
    string Model);
