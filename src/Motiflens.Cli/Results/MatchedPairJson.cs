using Motiflens.Search.Population;

namespace Motiflens.Cli.Results;

/// <summary>
/// A matched pair in <see cref="CalibrateResult"/>: two models of near-equal AUROC with their AUROCs, multi-scale KLDs
/// and SNRs (null when undefined).
/// </summary>
internal sealed record MatchedPairJson(
    string A,
    string B,
    double AurocA,
    double AurocB,
    double KldMultiscaleA,
    double KldMultiscaleB,
    double? SnrA,
    double? SnrB)
{
    /// <summary>The JSON form of <paramref name="pair"/>.</summary>
    public static MatchedPairJson From(MatchedPair pair) => new(
        pair.A, pair.B, pair.AurocA, pair.AurocB, pair.KldMultiscaleA, pair.KldMultiscaleB, JsonNumbers.Finite(pair.SnrA), JsonNumbers.Finite(pair.SnrB));
}
