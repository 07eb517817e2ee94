namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens score</c> on a split with planted ground truth: the KLD reliability scores, then
/// SNR and interpretability AUROC / AUPR over <see cref="NGroundTruth"/> positive sequences (undefined values are null).
/// </summary>
internal sealed record ScoreGroundTruthResult(
    int NSequences,
    double? KldOriginal,
    IReadOnlyDictionary<string, double?> KldWeighted,
    double? KldMultiscale,
    double? Snr,
    double? InterpAuroc,
    double? InterpAupr,
    int NGroundTruth);
