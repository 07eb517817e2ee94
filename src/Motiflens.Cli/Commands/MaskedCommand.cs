using System.CommandLine;
using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Calibration;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;
using Motiflens.Search.Analysis;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens masked</c>: masked knowledge (BioNAS §4.2). For a finished search or grid run, K of every trained child
/// against motifs the search did not know, and whether the selected architectures match them better than children of
/// similar validation loss.
/// </summary>
public static class MaskedCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Folder of a finished search or grid (history.jsonl, children/)", Required = true };
        var motifs = new Option<string>("--motifs") { Description = "Motif file (MEME, JASPAR, PFM, HOMER, TRANSFAC, ENCODE) holding the masked motifs", Required = true };
        var names = new Option<string[]>("--motif")
        {
            Description = "The masked motifs (ids or names in --motifs); all motifs of the file when omitted",
            AllowMultipleArgumentsPerToken = false,
        };
        var selected = new Option<int>("--selected") { Description = "Number of best children by reward that count as selected", DefaultValueFactory = _ => 3 };
        var neighbours = new Option<int>("--neighbours") { Description = "Loss-matched controls per selected child (nearest validation loss)", DefaultValueFactory = _ => 5 };
        var permutations = new Option<int>("--permutations") { Description = "Random relabelings when exact enumeration is too large", DefaultValueFactory = _ => 20_000 };
        var noConverged = new Option<bool>("--no-converged") { Description = "Do not add the children of the controller's converged architecture to the selected ones" };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var seed = CommonOptions.Seed();

        var command = new Command("masked", "Masked knowledge (BioNAS §4.2): K against motifs the search did not see, selected vs loss-matched children")
        {
            run, motifs, names, selected, neighbours, permutations, noConverged, json, threads, seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            CommonOptions.CheckThreads(parseResult.GetValue(threads));
            int nSelected = parseResult.GetValue(selected);
            int nNeighbours = parseResult.GetValue(neighbours);
            int nPermutations = parseResult.GetValue(permutations);
            if (nSelected < 1 || nNeighbours < 1 || nPermutations < 1)
            {
                throw new InputException($"--selected, --neighbours and --permutations must be >= 1; got {nSelected}, {nNeighbours}, {nPermutations}");
            }

            string runDir = parseResult.GetValue(run)!;
            if (!Directory.Exists(runDir))
            {
                throw new InputException(runDir, 0, "run directory not found");
            }

            string motifPath = parseResult.GetValue(motifs)!;
            var all = MotifReader.Read(motifPath);
            var wanted = parseResult.GetValue(names);
            var maskedPwms = wanted is { Length: > 0 } ? MotifReader.Select(all, wanted, motifPath) : all;
            if (maskedPwms.Count == 0)
            {
                throw new InputException(motifPath, 0, "expected at least one motif");
            }

            var masked = maskedPwms.Select(KnowledgeMotif.From).ToArray();
            var measured = Output.WithProgress("masked K", progress =>
                MaskedKnowledge.Measure(runDir, masked, KnowledgeOptions.Default,
                    new Reporter(f => progress.Report(new ProgressInfo(f * 100, 100, "children"))), ct));
            if (measured.Children.Count == 0)
            {
                throw new InputException(runDir, 0, "no trained child has a first-layer convolution to compare with the masked motifs");
            }

            var converged = parseResult.GetValue(noConverged) ? null : measured.Converged;
            var result = MaskedKnowledge.Analyze(measured.Children, converged, new MaskedKnowledgeOptions
            {
                Selected = nSelected,
                Neighbours = nNeighbours,
                Permutations = nPermutations,
                Seed = parseResult.GetValue(seed),
            });

            foreach (var line in measured.Skipped)
            {
                Output.Info($"skipped {line}");
            }

            if (parseResult.GetValue(json))
            {
                Output.Json(ToJson(runDir, maskedPwms, measured, result, nNeighbours));
            }
            else
            {
                WriteText(maskedPwms, measured, result, nNeighbours);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static MaskedResult ToJson(string runDir, IReadOnlyList<PositionWeightMatrix> masked, MaskedRun measured, MaskedKnowledgeResult result, int neighbours) => new(
        runDir,
        masked.Select(m => m.Name).ToArray(),
        measured.Recorded,
        result.Children,
        measured.Skipped.Count,
        measured.Converged is { } a ? measured.Children.FirstOrDefault(c => c.Tokens.SequenceEqual(a.Tokens))?.Layers : null,
        measured.Converged?.Tokens,
        neighbours,
        result.Selected.Select(MaskedSelectedJson.From).ToArray(),
        result.Controls.Select(MaskedChildJson.From).ToArray(),
        JsonNumbers.Finite(result.MeanSelected),
        JsonNumbers.Finite(result.MeanControls),
        result.Children == 0 ? null : JsonNumbers.Finite(measured.Children.Average(c => c.MaskedK)),
        JsonNumbers.Finite(KnowledgeMaskedSpearman(measured)),
        JsonNumbers.Finite(result.Difference),
        JsonNumbers.Finite(result.PValue),
        result.Exact,
        result.Relabelings);

    private static void WriteText(IReadOnlyList<PositionWeightMatrix> masked, MaskedRun measured, MaskedKnowledgeResult result, int neighbours)
    {
        static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";
        var o = Output.Out;
        o.WriteLine($"masked motifs: {string.Join(", ", masked.Select(m => m.Name))}; {result.Children} children measured of {measured.Recorded} recorded");
        if (measured.Converged is { } conv)
        {
            var trained = measured.Children.Where(c => c.Tokens.SequenceEqual(conv.Tokens)).ToArray();
            string layers = trained.Length > 0 ? string.Join(" | ", trained[0].Layers) : $"tokens {conv}";
            o.WriteLine($"converged architecture: {layers} ({trained.Length} trained children)");
        }

        o.WriteLine("selected (reason, trial): L  K_knowledge  K_masked  | mean K_masked of its matches  layers");
        foreach (var s in result.Selected)
        {
            var c = s.Child;
            o.WriteLine($"  {s.Reason,-9} {c.Trial,5}: {F(c.Loss)}  {F(c.Knowledge)}  {F(c.MaskedK)}  | {F(s.MatchedMeanK)}  {string.Join(" | ", c.Layers)}");
        }

        o.WriteLine($"mean K_masked: selected {F(result.MeanSelected)} (n={result.Selected.Count}), loss-matched controls {F(result.MeanControls)} (n={result.Controls.Count}, {neighbours} nearest in L per selected child), all {F(measured.Children.Average(c => c.MaskedK))}");
        o.WriteLine($"Spearman correlation of K_knowledge and K_masked over all children: {F(KnowledgeMaskedSpearman(measured))}");
        o.WriteLine($"difference (selected − controls) {F(result.Difference)}; one-sided permutation p = {F(result.PValue)} ({(result.Exact ? "exact" : "random")}, {result.Relabelings} relabelings)");
    }

    /// <summary>
    /// Rank correlation of K against the search's knowledge motifs and K against the masked ones over all children: how
    /// much of a masked-K difference could come from selecting on knowledge K alone.
    /// </summary>
    private static double KnowledgeMaskedSpearman(MaskedRun measured)
    {
        var both = measured.Children.Where(c => c.Knowledge is { } k && double.IsFinite(k)).ToArray();
        return both.Length < 3 ? double.NaN : LengthWeightCalibration.Spearman(both.Select(c => c.Knowledge!.Value).ToArray(), both.Select(c => c.MaskedK).ToArray());
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
