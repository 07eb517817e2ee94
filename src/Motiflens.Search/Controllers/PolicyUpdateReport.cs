namespace Motiflens.Search.Controllers;

/// <summary>What one controller update did: gradient epochs run, the final surrogate loss, approximate KL to the sampling policy, mean entropy.</summary>
public sealed record PolicyUpdateReport(int Epochs, double Loss, double ApproxKl, double Entropy);
