namespace Motiflens.Genomics.Motifs;

/// <summary>The motif file formats Motiflens reads (docs/formats.md).</summary>
public enum MotifFormat
{
    /// <summary>Detect the format from the content.</summary>
    Auto,

    /// <summary>MEME minimal motif format, version 4 or 5 (<c>letter-probability matrix:</c> blocks).</summary>
    Meme,

    /// <summary>JASPAR bracketed counts: <c>&gt;MA0139.1 CTCF</c> then <c>A [ ... ]</c> rows.</summary>
    Jaspar,

    /// <summary>Plain PFM: four rows of counts (A, C, G, T), optionally under a <c>&gt;</c> header, or w rows of four columns.</summary>
    Pfm,

    /// <summary>HOMER: <c>&gt;consensus name log-odds ...</c> then w rows of four probabilities.</summary>
    Homer,

    /// <summary>TRANSFAC matrix entries (<c>AC</c>/<c>ID</c>/<c>P0</c> ... <c>//</c>).</summary>
    Transfac,

    /// <summary>ENCODE motif text: <c>&gt;NAME</c> then <c>&lt;IUPAC&gt; pA pC pG pT</c> rows.</summary>
    Encode,
}
