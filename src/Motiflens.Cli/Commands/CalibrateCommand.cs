using System.CommandLine;
using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.IO;
using Motiflens.Search.Population;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens calibrate</c>: calibrates the multi-scale KLD's length weights on a population directory (DESIGN.md:
/// ω_k ∝ R² of KLD_w(k) ~ a + b·ln SNR; hold-one-subset-out trials with k-fold averaging inside), writes the weights
/// file <c>score --weights</c> reads, and prints held-out Spearman ρ with SNR and the matched-performance pairs.
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var population = new Option<string>("--population") { Description = "Population directory (or its population.json) from motiflens population", Required = true };
        var output = new Option<string>("--out") { Description = "Length-weights JSON to write ({\"3\": w3, ..., \"8\": w8}; read by score --weights)", Required = true };
        var minAuroc = new Option<double>("--min-auroc") { Description = "Use only models with test AUROC >= this", DefaultValueFactory = _ => PopulationCalibration.DefaultMinAuroc };
        var subsets = new Option<int>("--subsets") { Description = "Disjoint held-out subsets (= trials)", DefaultValueFactory = _ => 10 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds inside each trial (fold weights are averaged)", DefaultValueFactory = _ => 5 };
        var pairs = new Option<int>("--pairs") { Description = "Matched-performance pairs to list", DefaultValueFactory = _ => MatchedPairs.DefaultCount };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var command = new Command("calibrate", "Calibrate the multi-scale KLD's length weights on a population (held-out Spearman with SNR)")
        {
            population, output, minAuroc, subsets, folds, pairs, seed, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(_ =>
        {
            double min = parseResult.GetValue(minAuroc);
            if (!(min >= 0 && min <= 1))
            {
                throw new InputException($"--min-auroc must be in [0, 1]; got {min.ToString(CultureInfo.InvariantCulture)}");
            }

            int nSubsets = parseResult.GetValue(subsets), nFolds = parseResult.GetValue(folds), nPairs = parseResult.GetValue(pairs);
            if (nSubsets < 2 || nFolds < 2)
            {
                throw new InputException($"--subsets and --folds must be at least 2; got {nSubsets} and {nFolds}");
            }

            if (nPairs < 0)
            {
                throw new InputException($"--pairs must not be negative; got {nPairs}");
            }

            string source = parseResult.GetValue(population)!;
            var table = PopulationTable.Load(source);
            if (table.Models.Count == 0)
            {
                throw new InputException(source, "models", "the population has no finished model yet");
            }

            var result = PopulationCalibration.Calibrate(table, source, min, nSubsets, nFolds, parseResult.GetValue(seed));
            var matched = MatchedPairs.Find(table.Models, MatchedPairs.DefaultTolerance, nPairs);
            string outPath = parseResult.GetValue(output)!;
            result.Report.Weights.Save(outPath);

            foreach (var line in Text(result, outPath))
            {
                Output.Info(line);
            }

            foreach (var line in PopulationCommand.PairLines(matched))
            {
                Output.Info(line);
            }

            if (parseResult.GetValue(json))
            {
                Output.Json(Json(result, outPath, matched));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Key(int k) => k.ToString(CultureInfo.InvariantCulture);

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F3", CultureInfo.InvariantCulture) : "n/a";

    private static IEnumerable<string> Text(PopulationCalibrationResult result, string outPath)
    {
        var r = result.Report;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{result.ModelsPassed} of {result.ModelsTotal} models pass test AUROC >= {result.MinAuroc}; {result.ModelsUsed} used (SNR > 0, every KLD_w finite); {r.Trials.Count} held-out trials");
        yield return "   k    weight   SD across trials   R²(ln SNR)   held-out ρ(KLD_w(k), SNR)";
        foreach (var (k, w) in r.Weights.Weights)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {k,2}  {w,8:F4}   {r.WeightSpread.GetValueOrDefault(k),16:F4}   {r.RSquared.GetValueOrDefault(k),10:F4}   {F(r.MeanSpearmanWeighted.GetValueOrDefault(k, double.NaN)),10}");
        }

        yield return $"held-out Spearman ρ with SNR (mean over trials): original KLD {F(r.MeanSpearmanOriginal)}, multi-scale KLD {F(r.MeanSpearman)}";
        yield return $"wrote {outPath} (use: motiflens score --weights {outPath} ...)";
    }

    private static CalibrateResult Json(PopulationCalibrationResult result, string outPath, IReadOnlyList<MatchedPair> pairs)
    {
        var r = result.Report;
        return new CalibrateResult(
            outPath,
            r.Weights.Weights.ToDictionary(p => Key(p.Key), p => p.Value),
            r.WeightSpread.ToDictionary(p => Key(p.Key), p => p.Value),
            r.RSquared.ToDictionary(p => Key(p.Key), p => p.Value),
            Finite(r.MeanSpearmanOriginal),
            Finite(r.MeanSpearman),
            r.MeanSpearmanWeighted.ToDictionary(p => Key(p.Key), p => Finite(p.Value)),
            result.ModelsUsed,
            result.ModelsPassed,
            result.ModelsTotal,
            result.MinAuroc,
            r.Trials.Select(t => new CalibrationTrialJson(
                t.HeldOutSubset,
                t.HeldOutModels,
                t.Weights.Weights.ToDictionary(p => Key(p.Key), p => p.Value),
                Finite(t.Spearman),
                Finite(t.SpearmanOriginal))).ToList(),
            pairs.Select(MatchedPairJson.From).ToList());
    }
}
