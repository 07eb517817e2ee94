namespace Motiflens.Cli.Results;

/// <summary>One of the best architectures by median in <see cref="SearchResult"/>: its rank, layers, tokens, number of children trained with it, median loss and knowledge K, and reward.</summary>
internal sealed record SearchBestArchitectureJson(
    int Rank,
    IReadOnlyList<string> Layers,
    IReadOnlyList<int> Tokens,
    int Children,
    double MedianLoss,
    double MedianKnowledge,
    double Reward);
