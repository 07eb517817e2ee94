using Motiflens.IO;

namespace Motiflens.Genomics.Motifs;

/// <summary>Writes motifs in the MEME minimal format (version 4), readable by MEME-suite tools such as Tomtom.</summary>
public static class MemeWriter
{
    /// <summary>The MEME text of <paramref name="motifs"/>.</summary>
    public static string ToText(IEnumerable<PositionWeightMatrix> motifs)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        return MemeFormat.Write(motifs);
    }

    /// <summary>Writes <paramref name="motifs"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<PositionWeightMatrix> motifs) => AtomicFile.WriteAllText(path, ToText(motifs));
}
