using Motiflens.Genomics.Motifs;

namespace Motiflens.Genomics.Simulation;

/// <summary>
/// Motiflens's built-in motifs: position weight matrices derived from IUPAC consensus sequences with
/// <see cref="PositionWeightMatrix.FromConsensus"/> (each allowed base shares 0.96 of the mass, every base
/// gets 0.01). The consensus strings are those of the named JASPAR CORE 2016 vertebrate matrices as
/// published in that database (computed with <see cref="PositionWeightMatrix.Consensus"/>: a base at
/// p ≥ 0.6, a two-base code when the top two reach 0.75, else N), with N flanks removed.
/// </summary>
public static class BuiltinMotifs
{
    /// <summary>A built-in motif's name, the JASPAR matrix its consensus comes from, and the consensus.</summary>
    public sealed record Definition(string Name, string Source, string Consensus)
    {
        public PositionWeightMatrix ToMatrix() => PositionWeightMatrix.FromConsensus(Name, Name, Consensus);
    }

    /// <summary>The named factors used by the presets (MYC for single; CTCF, IRF, MYC for multitask; SP1, GABPA, CEBPB, MAX, YY1 for code).</summary>
    public static IReadOnlyList<Definition> Factors { get; } =
    [
        // E-box; JASPAR MA0147.2 (Myc) consensus CCAYGTGSNY. The canonical MYC site CACGTG (Blackwell et al. 1990, Science 250:1149).
        new("MYC", "JASPAR MA0147.2", "CCAYGTGSNY"),

        // JASPAR MA0139.1 (CTCF, from Kim et al. 2007, Cell 128:1231) consensus YNRCCASYAGGKGGCRSYN.
        new("CTCF", "JASPAR MA0139.1", "RCCASYAGGKGGCRSY"),

        // IRF binding element GAAA repeats; JASPAR MA0051.1 (IRF2) consensus SGAAAGYGAAASYNWWWM.
        new("IRF", "JASPAR MA0051.1", "SGAAAGYGAAASY"),

        // GC box; JASPAR MA0079.3 (SP1) consensus NCCCCKCCCCY.
        new("SP1", "JASPAR MA0079.3", "CCCCKCCCCY"),

        // ETS site GGAA; JASPAR MA0062.2 (Gabpa) consensus CCGGAAGTGNN.
        new("GABPA", "JASPAR MA0062.2", "CCGGAAGTG"),

        // C/EBP site; JASPAR MA0466.2 (CEBPB) consensus NTTRCGCAAY.
        new("CEBPB", "JASPAR MA0466.2", "TTRCGCAAY"),

        // E-box; JASPAR MA0058.3 (MAX) consensus NNCACGTGNN.
        new("MAX", "JASPAR MA0058.3", "CACGTG"),

        // JASPAR MA0095.2 (YY1) consensus CAARATGGCNGC.
        new("YY1", "JASPAR MA0095.2", "CAARATGGCNGC"),
    ];

    /// <summary>
    /// The 50 background motifs of the "code" preset. Chosen deterministically: JASPAR CORE 2016 vertebrate
    /// matrices sorted by matrix ID, excluding heterodimers ("::"), the families of the preset factors and
    /// their look-alikes (names starting SP, KLF, GABP, ELK, ETV, ELF, ETS, CEBP, MAX, MYC, MNT, MLX, USF, TFE,
    /// HEY, NRF, YY, CTCF, IRF), consensus containing CACGTG, widths outside 6..20 and consensus with fewer than
    /// 6 specific letters (362 remain); then every 7th from the first, 50 in all.
    /// </summary>
    public static IReadOnlyList<Definition> BackgroundPool { get; } =
    [
        new("RUNX1", "JASPAR MA0002.2", "YTGTGGTTW"),
        new("E2F1", "JASPAR MA0024.3", "WTTGGCGCCAAW"),
        new("Gata1", "JASPAR MA0035.3", "YCTTATCTNY"),
        new("HNF1A", "JASPAR MA0046.2", "RTTAATNATTAAC"),
        new("PAX4", "JASPAR MA0068.2", "CTAATTAR"),
        new("SRF", "JASPAR MA0083.3", "TGMCCATATATGGKCA"),
        new("ZEB1", "JASPAR MA0103.2", "CWCACCTG"),
        new("Hnf4a", "JASPAR MA0114.3", "RGGGTCAAAGTCCA"),
        new("Lhx3", "JASPAR MA0135.1", "WAATTAATTAWYY"),
        new("FOXA1", "JASPAR MA0148.3", "TGTTTACWYW"),
        new("INSM1", "JASPAR MA0155.1", "TGYCAGGGGGCR"),
        new("ESR2", "JASPAR MA0258.2", "AGGTCASNNTGNCCY"),
        new("E2F4", "JASPAR MA0470.1", "GGCGGGAAR"),
        new("FOSL2", "JASPAR MA0478.1", "RRTGACTCA"),
        new("Hoxc9", "JASPAR MA0485.1", "GCMATAAATCA"),
        new("MAFF", "JASPAR MA0495.1", "MWNASTCAGCANWWW"),
        new("NR2C2", "JASPAR MA0504.1", "RRGGTCARAGGTCA"),
        new("Rxra", "JASPAR MA0512.2", "GRGGTCAAAGGTCA"),
        new("TCF7L2", "JASPAR MA0523.1", "ASATCAAAG"),
        new("SREBF1", "JASPAR MA0595.1", "RTCACCCCAY"),
        new("Atf3", "JASPAR MA0605.1", "GATGACGT"),
        new("Foxj2", "JASPAR MA0614.1", "RTAAACA"),
        new("POU6F1", "JASPAR MA0628.1", "TAATTA"),
        new("DBP", "JASPAR MA0639.1", "RTTACGTAAY"),
        new("HOXC11", "JASPAR MA0651.1", "GTCGTAAAA"),
        new("MSX1", "JASPAR MA0666.1", "CAATTA"),
        new("NKX6-1", "JASPAR MA0674.1", "TMATTAA"),
        new("Pitx1", "JASPAR MA0682.1", "TAATCC"),
        new("Vdr", "JASPAR MA0693.1", "GAGTTCAYYGAGTTCA"),
        new("LMX1A", "JASPAR MA0702.1", "TAATTAR"),
        new("NOTO", "JASPAR MA0710.1", "CTAATTA"),
        new("VAX2", "JASPAR MA0723.1", "YTAATTA"),
        new("RARA_var2", "JASPAR MA0730.1", "AGGTCANNYAAAGGTCA"),
        new("GLIS3", "JASPAR MA0737.1", "GACCCCCCACGAAG"),
        new("ZIC4", "JASPAR MA0751.1", "KRCCCCCCGCNGNG"),
        new("E2F7", "JASPAR MA0758.1", "WTTTCCCGCCAAAA"),
        new("MEF2D", "JASPAR MA0773.1", "CTAWAAATAGM"),
        new("PAX9", "JASPAR MA0781.1", "CGTCACGCWTGANTGM"),
        new("POU3F3", "JASPAR MA0788.1", "WWTATGCWAATTW"),
        new("SMAD3", "JASPAR MA0795.1", "YGTCTAGACA"),
        new("TBR1", "JASPAR MA0802.1", "AGGTGTGAA"),
        new("TEAD4", "JASPAR MA0809.1", "ACATTCCW"),
        new("Ascl2", "JASPAR MA0816.1", "ARCAGCTGCY"),
        new("TCF4", "JASPAR MA0830.1", "RCACCTG"),
        new("NFE2", "JASPAR MA0841.1", "ATGACTCATS"),
        new("FOXO4", "JASPAR MA0848.1", "GTAAACA"),
        new("RXRB", "JASPAR MA0855.1", "GGGGTCAAAGGTCA"),
        new("GMEB2", "JASPAR MA0862.1", "KTACGTAA"),
        new("Sox11", "JASPAR MA0869.1", "AACAATTKCAGTGTT"),
        new("EMX2", "JASPAR MA0886.1", "TAATTA"),
    ];

    /// <summary>The built-in factor called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static PositionWeightMatrix? Find(string name)
    {
        var d = Factors.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? BackgroundPool.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return d?.ToMatrix();
    }

    /// <summary>The built-in factor called <paramref name="name"/>; throws when unknown.</summary>
    public static PositionWeightMatrix Get(string name) =>
        Find(name) ?? throw new ArgumentException($"no built-in motif '{name}' (built-in: {string.Join(", ", Factors.Select(f => f.Name))})", nameof(name));

    /// <summary>The 50 background-pool motifs as matrices.</summary>
    public static IReadOnlyList<PositionWeightMatrix> BackgroundPoolMatrices() => BackgroundPool.Select(d => d.ToMatrix()).ToList();
}
