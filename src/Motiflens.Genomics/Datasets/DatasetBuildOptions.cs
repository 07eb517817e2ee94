namespace Motiflens.Genomics.Datasets;

/// <summary>How <see cref="DatasetBuilder"/> shapes, labels and splits a dataset.</summary>
/// <param name="Length">Fixed sequence length: longer sequences are centre-cropped, shorter ones padded with N on both sides. Null requires equal lengths (FASTA/TSV); BED windows need it.</param>
/// <param name="Negatives">Generated negatives, labelled 0 for every task.</param>
/// <param name="NegativeRatio">Generated negatives per positive (e.g. 1 = as many negatives as positives).</param>
/// <param name="TestChromosomes">Chromosomes held out as the test split (BED windows, or FASTA names like chr8:100-300).</param>
/// <param name="ValidChromosomes">Chromosomes held out as the valid split.</param>
/// <param name="ValidFraction">Random split: fraction of sequences for valid (when no chromosomes are given).</param>
/// <param name="TestFraction">Random split: fraction for test.</param>
/// <param name="Seed">Seed of splits, shuffles and background sampling.</param>
/// <param name="RejectAmbiguous">Treat N and other IUPAC ambiguity codes in inputs as errors.</param>
public sealed record DatasetBuildOptions(
    int? Length = null,
    NegativeSource Negatives = NegativeSource.None,
    double NegativeRatio = 1.0,
    IReadOnlyList<string>? TestChromosomes = null,
    IReadOnlyList<string>? ValidChromosomes = null,
    double ValidFraction = 0.1,
    double TestFraction = 0.2,
    int Seed = 0,
    bool RejectAmbiguous = false)
{
    /// <summary>Whether splits are by chromosome (otherwise seeded random).</summary>
    public bool ChromosomeSplit => (TestChromosomes?.Count ?? 0) + (ValidChromosomes?.Count ?? 0) > 0;

    internal void Validate()
    {
        if (Length is < 1)
        {
            throw new ArgumentException($"length must be positive; got {Length}");
        }

        if (!(NegativeRatio >= 0) || NegativeRatio > 100)
        {
            throw new ArgumentException($"negative ratio must be in [0, 100]; got {NegativeRatio}");
        }

        if (ValidFraction < 0 || TestFraction < 0 || ValidFraction + TestFraction >= 1)
        {
            throw new ArgumentException($"valid and test fractions must be non-negative and sum to less than 1; got {ValidFraction} and {TestFraction}");
        }

        var overlap = (TestChromosomes ?? []).Intersect(ValidChromosomes ?? [], StringComparer.Ordinal).FirstOrDefault();
        if (overlap is not null)
        {
            throw new ArgumentException($"chromosome '{overlap}' is both a test and a valid chromosome");
        }
    }
}
