using System.CommandLine;
using Motiflens.Cli.Results;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens dataset</c>: builds a dataset .npz from FASTA files, a sequence table (TSV/CSV), or BED peaks
/// on a genome FASTA, with generated negatives and chromosome or random splits; or checks an existing
/// dataset .npz and rewrites it in the standard layout (docs/formats.md).
/// </summary>
public static class DatasetCommand
{
    public static Command Create()
    {
        var fasta = new Option<string[]>("--fasta") { Description = "FASTA(.gz) of positives; repeat for multitask (file t = task t)" };
        var negativeFasta = new Option<string[]>("--negatives-fasta") { Description = "FASTA(.gz) of negatives (label 0); repeatable" };
        var tsv = new Option<string?>("--tsv") { Description = "Table (TSV/CSV, optionally .gz) with a header row" };
        var seqColumn = new Option<string>("--seq-column") { Description = "Table: sequence column (name or 1-based number)", DefaultValueFactory = _ => "seq" };
        var labelColumns = new Option<string>("--label-columns") { Description = "Table: comma-separated label columns, one task each", DefaultValueFactory = _ => "Bound" };
        var nameColumn = new Option<string?>("--name-column") { Description = "Table: identifier column; names like chr8:100-300 allow --test-chroms/--valid-chroms" };
        var bed = new Option<string[]>("--bed") { Description = "BED peaks (3+ columns); repeat for multitask (file t = task t); needs --genome and --length" };
        var npz = new Option<string?>("--npz") { Description = "An existing dataset .npz (e.g. from numpy, x_* (N, L, 4) or (N, 4, L) of any numeric dtype) to check and rewrite in the standard layout" };
        var layout = new Option<string>("--layout") { Description = "--npz: one-hot layout auto, nlc (N, L, 4) or ncl (N, 4, L)", DefaultValueFactory = _ => "auto" };
        layout.AcceptOnlyFromAmong("auto", "nlc", "ncl");
        var genome = new Option<string?>("--genome") { Description = "Genome FASTA (uncompressed; .fai index created if absent)" };
        var length = new Option<int?>("--length") { Description = "Sequence length: BED window size; FASTA/table sequences are centre-cropped or N-padded to it" };
        var negatives = new Option<string>("--negatives")
        {
            Description = "Generated negatives: auto (shuffle for FASTA without --negatives-fasta and for BED; none for tables), none, shuffle (dinucleotide), background (GC-matched genomic; needs --genome)",
            DefaultValueFactory = _ => "auto",
        };
        negatives.AcceptOnlyFromAmong("auto", "none", "shuffle", "background");
        var ratio = new Option<double>("--negative-ratio") { Description = "Generated negatives per positive", DefaultValueFactory = _ => 1.0 };
        var testChroms = new Option<string[]>("--test-chroms") { Description = "Chromosomes held out for test (comma-separated or repeated), e.g. chr8" };
        var validChroms = new Option<string[]>("--valid-chroms") { Description = "Chromosomes held out for validation, e.g. chr9" };
        var validFraction = new Option<double>("--valid-fraction") { Description = "Random split: validation fraction", DefaultValueFactory = _ => 0.1 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Random split: test fraction", DefaultValueFactory = _ => 0.2 };
        var rejectAmbiguous = new Option<bool>("--reject-ambiguous") { Description = "Treat N and other IUPAC ambiguity codes in the input as errors" };
        var output = new Option<string>("--out") { Description = "Output dataset .npz", Required = true };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();

        var command = new Command("dataset", "Build a dataset .npz from FASTA, a sequence table, or BED peaks on a genome")
        {
            fasta, negativeFasta, tsv, seqColumn, labelColumns, nameColumn, bed, npz, layout, genome, length, negatives, ratio,
            testChroms, validChroms, validFraction, testFraction, rejectAmbiguous, output, seed, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(_ =>
        {
            CommonOptions.CheckThreads(parseResult.GetValue(threads));
            var fastaFiles = parseResult.GetValue(fasta) ?? [];
            var negativeFiles = parseResult.GetValue(negativeFasta) ?? [];
            var table = parseResult.GetValue(tsv);
            var bedFiles = parseResult.GetValue(bed) ?? [];
            var genomePath = parseResult.GetValue(genome);
            var npzPath = parseResult.GetValue(npz);
            int kinds = (fastaFiles.Length > 0 ? 1 : 0) + (table is not null ? 1 : 0) + (bedFiles.Length > 0 ? 1 : 0) + (npzPath is not null ? 1 : 0);
            if (kinds != 1)
            {
                throw new InputException("dataset: give exactly one input kind: --fasta, --tsv, --bed with --genome, or --npz");
            }

            if (npzPath is not null)
            {
                var oneHot = parseResult.GetValue(layout) switch
                {
                    "nlc" => OneHotLayout.LengthChannels,
                    "ncl" => OneHotLayout.ChannelsLength,
                    _ => OneHotLayout.Auto,
                };
                var existing = SequenceDataset.Load(npzPath, oneHot);
                string target = parseResult.GetValue(output)!;
                existing.Save(target);
                var imported = DatasetReport.Describe(target, existing);
                if (parseResult.GetValue(json))
                {
                    Output.Json(new DatasetImportResult(target, imported.Length, imported.Tasks, imported.MotifNames, DatasetReport.Splits(imported), npzPath));
                }

                return ExitCodes.Success;
            }

            if (negativeFiles.Length > 0 && fastaFiles.Length == 0)
            {
                throw new InputException("dataset: --negatives-fasta goes with --fasta");
            }

            var source = parseResult.GetValue(negatives) switch
            {
                "none" => NegativeSource.None,
                "shuffle" => NegativeSource.Shuffle,
                "background" => NegativeSource.Background,
                _ => table is not null || negativeFiles.Length > 0 ? NegativeSource.None : NegativeSource.Shuffle,
            };
            if (source == NegativeSource.Background && genomePath is null)
            {
                throw new InputException("dataset: --negatives background needs --genome");
            }

            var options = new DatasetBuildOptions(
                parseResult.GetValue(length),
                source,
                parseResult.GetValue(ratio),
                SplitList(parseResult.GetValue(testChroms)),
                SplitList(parseResult.GetValue(validChroms)),
                parseResult.GetValue(validFraction),
                parseResult.GetValue(testFraction),
                parseResult.GetValue(seed),
                parseResult.GetValue(rejectAmbiguous));

            SequenceDataset dataset;
            try
            {
                if (bedFiles.Length > 0)
                {
                    if (genomePath is null || options.Length is null)
                    {
                        throw new InputException("dataset: --bed needs --genome and --length");
                    }

                    dataset = DatasetBuilder.FromBed(bedFiles, genomePath, options);
                }
                else if (table is not null)
                {
                    var labels = SplitList([parseResult.GetValue(labelColumns)!]);
                    dataset = DatasetBuilder.FromTable(table, parseResult.GetValue(seqColumn)!, labels, options, parseResult.GetValue(nameColumn));
                }
                else
                {
                    dataset = DatasetBuilder.FromFasta(fastaFiles, negativeFiles, options, genomePath);
                }
            }
            catch (ArgumentException ex)
            {
                // Option values the builder cannot honour (fractions, ratios, empty input) are user input.
                throw new InputException($"dataset: {ex.Message}");
            }

            string outPath = parseResult.GetValue(output)!;
            dataset.Save(outPath);
            var summary = DatasetReport.Describe(outPath, dataset);
            if (parseResult.GetValue(json))
            {
                Output.Json(new DatasetBuildResult(
                    outPath,
                    summary.Length,
                    summary.Tasks,
                    summary.MotifNames,
                    DatasetReport.Splits(summary),
                    source.ToString().ToLowerInvariant(),
                    options.ChromosomeSplit ? "chromosome" : "random"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string[] SplitList(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
