using System.Globalization;
using Motiflens.Genomics.Kmers;
using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Datasets;

/// <summary>
/// Builds a <see cref="SequenceDataset"/> from FASTA files, a sequence table, or BED peaks on a genome:
/// fixed-length sequences, labels, generated negatives (dinucleotide shuffles or GC-matched genomic
/// background), and train/valid/test splits by chromosome or at random. Deterministic for a seed.
/// </summary>
public static class DatasetBuilder
{
    /// <summary>
    /// Positives from FASTA files — with several files, file t is task t and its sequences are labelled 1
    /// for task t only — plus explicit negatives (label 0) and generated ones.
    /// </summary>
    public static SequenceDataset FromFasta(IReadOnlyList<string> positiveFiles, IReadOnlyList<string> negativeFiles, DatasetBuildOptions options, string? genomePath = null)
    {
        ArgumentNullException.ThrowIfNull(positiveFiles);
        ArgumentNullException.ThrowIfNull(negativeFiles);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (positiveFiles.Count == 0)
        {
            throw new ArgumentException("at least one FASTA file of positives is needed");
        }

        int tasks = positiveFiles.Count;
        var read = new FastaReadOptions(options.RejectAmbiguous);
        var examples = new List<DatasetExample>();
        var raw = new List<(FastaRecord Record, string File, float[] Labels)>();
        for (int t = 0; t < tasks; t++)
        {
            foreach (var r in FastaReader.ReadAll(positiveFiles[t], read))
            {
                var labels = new float[tasks];
                labels[t] = 1;
                raw.Add((r, positiveFiles[t], labels));
            }
        }

        int positives = raw.Count;
        foreach (var file in negativeFiles)
        {
            foreach (var r in FastaReader.ReadAll(file, read))
            {
                raw.Add((r, file, new float[tasks]));
            }
        }

        int length = CommonLength(raw.Select(x => (x.Record.Codes.Length, x.File, $"record '{x.Record.Name}'")), options.Length);
        for (int i = 0; i < raw.Count; i++)
        {
            var (r, file, labels) = raw[i];
            string? chrom = options.ChromosomeSplit ? ChromFromName(r.Name, file, r.Line) : ChromFromNameOrNull(r.Name);
            examples.Add(new DatasetExample(Fit(r.Codes, length), labels, chrom, i, $"{file}:{r.Line}"));
        }

        return Finish(examples, positives, tasks, length, options, genomePath, exclusions: null);
    }

    /// <summary>A dataset from a table with a sequence column and numeric label columns (one task per column).</summary>
    public static SequenceDataset FromTable(string path, string sequenceColumn, IReadOnlyList<string> labelColumns, DatasetBuildOptions options, string? nameColumn = null)
    {
        ArgumentNullException.ThrowIfNull(labelColumns);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (labelColumns.Count == 0)
        {
            throw new ArgumentException("at least one label column is needed");
        }

        var rows = SequenceTable.Read(path, sequenceColumn, labelColumns, nameColumn, new FastaReadOptions(options.RejectAmbiguous));
        int length = CommonLength(rows.Select(r => (r.Codes.Length, path, $"line {r.Line}")), options.Length);
        var examples = new List<DatasetExample>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string? chrom = options.ChromosomeSplit ? ChromFromName(r.Name, path, r.Line) : null;
            examples.Add(new DatasetExample(Fit(r.Codes, length), r.Labels, chrom, i, $"{path}:{r.Line}"));
        }

        // Generated negatives copy only rows with some positive label.
        int positives = examples.Count;
        return Finish(examples, positives, labelColumns.Count, length, options, genomePath: null, exclusions: null, positiveFilter: e => e.Labels.Any(v => v >= 0.5f));
    }

    /// <summary>
    /// Windows of <see cref="DatasetBuildOptions.Length"/> bases centred on the peaks (or narrowPeak summits) of each BED file (file t
    /// is task t). A window is labelled 1 for task t when it comes from file t or its centre base lies inside a
    /// peak of file t; windows with identical coordinates are merged. Windows running off a chromosome end are
    /// padded with N.
    /// </summary>
    public static SequenceDataset FromBed(IReadOnlyList<string> bedFiles, string genomePath, DatasetBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(bedFiles);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (bedFiles.Count == 0)
        {
            throw new ArgumentException("at least one BED file is needed");
        }

        int length = options.Length ?? throw new ArgumentException("BED input needs a window length");
        using var genome = IndexedGenome.Open(genomePath);
        int tasks = bedFiles.Count;
        var peaks = new List<IReadOnlyList<BedInterval>>();
        foreach (var file in bedFiles)
        {
            var intervals = BedReader.Read(file);
            foreach (var p in intervals)
            {
                long chromLength = genome.LengthOf(p.Chrom);
                if (chromLength < 0)
                {
                    throw new InputException(file, p.Line, $"chromosome '{p.Chrom}' is not in the genome {genomePath}");
                }

                if (p.End > chromLength)
                {
                    throw new InputException(file, p.Line, $"end {p.End} is beyond the end of {p.Chrom} ({chromLength} bases) in {genomePath}; is this the right genome build?");
                }
            }

            peaks.Add(intervals);
        }

        var lookups = peaks.Select(p => new CentreLookup(p)).ToList();
        var windows = new Dictionary<(string Chrom, long Start), int>();
        var examples = new List<DatasetExample>();
        for (int t = 0; t < tasks; t++)
        {
            foreach (var p in peaks[t])
            {
                long start = p.Centre - (length / 2);
                if (windows.ContainsKey((p.Chrom, start)))
                {
                    continue;
                }

                long centre = start + (length / 2);
                var labels = new float[tasks];
                for (int u = 0; u < tasks; u++)
                {
                    labels[u] = u == t || lookups[u].Contains(p.Chrom, centre) ? 1 : 0;
                }

                windows[(p.Chrom, start)] = examples.Count;
                var codes = genome.Fetch(p.Chrom, start, start + length);
                examples.Add(new DatasetExample(codes, labels, p.Chrom, examples.Count, $"{bedFiles[t]}:{p.Line}"));
            }
        }

        var exclusions = windows.Keys.GroupBy(k => k.Chrom).ToDictionary(g => g.Key, g => g.Select(k => k.Start).OrderBy(s => s).ToArray(), StringComparer.Ordinal);
        return Finish(examples, examples.Count, tasks, length, options, genomePath, exclusions);
    }

    private static SequenceDataset Finish(
        List<DatasetExample> examples,
        int positives,
        int tasks,
        int length,
        DatasetBuildOptions options,
        string? genomePath,
        Dictionary<string, long[]>? exclusions,
        Func<DatasetExample, bool>? positiveFilter = null)
    {
        var random = new Random(options.Seed);
        var sources = examples.Take(positives).Where(positiveFilter ?? (_ => true)).ToList();
        int wanted = (int)Math.Round(sources.Count * options.NegativeRatio);
        int nextGroup = examples.Count == 0 ? 0 : examples.Max(e => e.Group) + 1;
        switch (options.Negatives)
        {
            case NegativeSource.Shuffle:
                for (int k = 0; k < wanted; k++)
                {
                    // Round-robin over the positives; each shuffle stays with its source's group (and split).
                    var src = sources[k % sources.Count];
                    examples.Add(new DatasetExample(DinucleotideShuffle.Shuffle(src.Codes, random), new float[tasks], src.Chrom, src.Group, "shuffle"));
                }

                break;
            case NegativeSource.Background:
                if (genomePath is null)
                {
                    throw new ArgumentException("GC-matched background negatives need a genome FASTA");
                }

                using (var genome = IndexedGenome.Open(genomePath))
                {
                    var chroms = sources.Select(s => s.Chrom).Where(c => c is not null && genome.Contains(c)).Distinct().Select(c => c!).ToList();
                    if (chroms.Count == 0)
                    {
                        chroms = genome.Entries.Where(e => e.Length >= length).Select(e => e.Name).ToList();
                    }

                    foreach (var (codes, chrom) in GcMatchedBackground.Sample(genome, chroms, sources, wanted, length, exclusions, random))
                    {
                        examples.Add(new DatasetExample(codes, new float[tasks], chrom, nextGroup++, "background"));
                    }
                }

                break;
        }

        return DatasetSplitter.Split(examples, tasks, length, options, random);
    }

    private static int CommonLength(IEnumerable<(int Length, string File, string What)> items, int? fixedLength)
    {
        int? first = null;
        foreach (var (len, file, what) in items)
        {
            if (fixedLength is not null)
            {
                return fixedLength.Value;
            }

            if (first is null)
            {
                first = len;
            }
            else if (len != first)
            {
                throw new InputException(file, what, $"length {len} differs from the first sequence's {first}; give a fixed length to centre-crop or N-pad");
            }
        }

        return fixedLength ?? first ?? throw new ArgumentException("no sequences in the input");
    }

    /// <summary>Centre-crops or N-pads <paramref name="codes"/> to <paramref name="length"/>.</summary>
    internal static byte[] Fit(byte[] codes, int length)
    {
        if (codes.Length == length)
        {
            return codes;
        }

        var result = new byte[length];
        if (codes.Length > length)
        {
            Array.Copy(codes, (codes.Length - length) / 2, result, 0, length);
        }
        else
        {
            Array.Fill(result, Alphabet.N);
            Array.Copy(codes, 0, result, (length - codes.Length) / 2, codes.Length);
        }

        return result;
    }

    private static string? ChromFromNameOrNull(string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? name[..colon] : null;
    }

    private static string ChromFromName(string name, string file, long line) =>
        ChromFromNameOrNull(name) ?? throw new InputException(
            file,
            line,
            string.Create(CultureInfo.InvariantCulture, $"chromosome hold-out needs names like 'chr8:1000-1200', found '{name}'"));
}
