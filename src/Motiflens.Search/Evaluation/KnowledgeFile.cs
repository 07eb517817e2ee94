using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;

namespace Motiflens.Search.Evaluation;

/// <summary>Loads the knowledge motifs of a search (the --knowledge file, optionally narrowed to some --motif names).</summary>
public static class KnowledgeFile
{
    /// <summary>
    /// The motifs of <paramref name="path"/> (any format <see cref="MotifReader"/> reads), only those named in
    /// <paramref name="names"/> when given; no path means no knowledge (K = 0).
    /// </summary>
    public static IReadOnlyList<KnowledgeMotif> Load(string? path, IReadOnlyList<string>? names)
    {
        if (path is null)
        {
            if (names is { Count: > 0 })
            {
                throw new InputException("--motif needs --knowledge FILE to pick the motifs from");
            }

            return [];
        }

        var motifs = MotifReader.Read(path);
        if (names is { Count: > 0 })
        {
            motifs = MotifReader.Select(motifs, names, path);
        }

        if (motifs.Count == 0)
        {
            throw new InputException(path, 0, "expected at least one motif");
        }

        return motifs.Select(KnowledgeMotif.From).ToArray();
    }
}
