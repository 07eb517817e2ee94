using System.CommandLine;
using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Attribution;
using Motiflens.Interpretation.Metrics;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens score</c>: every reliability metric of attribution maps for one dataset split — the original
/// KLD, KLD_w(k) for k = 3..8, the multi-scale KLD, and with ground truth SNR and interpretability AUROC/AUPR.
/// </summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset .npz the maps explain", Required = true };
        var attributions = new Option<string>("--attributions") { Description = "Attribution maps: .npy or .npz, (N, L, 4) or (N, 4, L)", Required = true };
        var split = new Option<string>("--split") { Description = "Dataset split the maps explain", DefaultValueFactory = _ => "test" };
        var positivesOnly = new Option<bool>("--positives-only") { Description = "Compute the KLDs over positive sequences only (any target >= 0.5)" };
        var weights = new Option<string?>("--weights") { Description = "Length weights JSON {\"3\": w3, ...} for the multi-scale KLD (default: the built-in calibration on the code task, docs/reproduction.md)" };
        var importance = new Option<string>("--importance")
        {
            Description = "Per-position importance of the weighted KLD: norm (L2 norm of the corrected map) or abs (|grad x input|)",
            DefaultValueFactory = _ => "norm",
        };
        importance.AcceptOnlyFromAmong("norm", "abs");
        var correct = new Option<bool>("--correct") { Description = "Apply gradient correction to the maps before SNR and AUROC (the KLDs always use it)" };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var seed = CommonOptions.Seed();

        var command = new Command("score", "Score attribution maps: original, weighted and multi-scale KLD; SNR and AUROC with ground truth")
        {
            data, attributions, split, positivesOnly, weights, importance, correct, json, threads, seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(_ =>
        {
            int threadCount = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            string dataPath = parseResult.GetValue(data)!;
            string mapsPath = parseResult.GetValue(attributions)!;
            var lengthWeights = parseResult.GetValue(weights) is { } w ? LengthWeights.Load(w) : LengthWeights.Default;
            var dataset = SequenceDataset.Load(dataPath);
            var part = dataset.Get(parseResult.GetValue(split)!);
            if (part.Count == 0 || part.Length == 0)
            {
                throw new InputException(dataPath, $"x_{part.Name}", $"the split is empty (N={part.Count}, L={part.Length})");
            }

            var maps = AttributionMapFile.Load(mapsPath, part.Count, part.Length, part.Name);
            if (parseResult.GetValue(correct))
            {
                GradientCorrection.Apply(maps);
            }

            var positives = Positives(part);
            byte[] codes = part.Codes;
            float[]? pwm = part.Pwm;
            if (parseResult.GetValue(positivesOnly))
            {
                if (!positives.Contains(true))
                {
                    throw new InputException(dataPath, $"y_{part.Name}", "--positives-only: the split has no positive sequence (no target >= 0.5)");
                }

                (codes, maps, pwm) = SelectRows(part, maps, positives);
                positives = Enumerable.Repeat(true, codes.Length / part.Length).ToArray();
            }

            var options = new ReliabilityOptions(
                Weights: lengthWeights,
                Importance: parseResult.GetValue(importance) == "abs" ? ImportanceKind.AbsoluteSignal : ImportanceKind.CorrectedNorm,
                MaxDegreeOfParallelism: threadCount);
            var scores = ReliabilityScorer.Score(codes, maps, part.Length, pwm, positives, options);

            if (parseResult.GetValue(json))
            {
                Output.Json(ToJson(scores));
            }
            else
            {
                Output.Out.Write(ToText(scores, part.Name));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Positive sequences: any target ≥ 0.5.</summary>
    private static bool[] Positives(DatasetSplit part)
    {
        var positives = new bool[part.Count];
        for (int i = 0; i < part.Count; i++)
        {
            foreach (float y in part.Target(i))
            {
                if (y >= 0.5f)
                {
                    positives[i] = true;
                    break;
                }
            }
        }

        return positives;
    }

    private static (byte[] Codes, float[] Maps, float[]? Pwm) SelectRows(DatasetSplit part, float[] maps, bool[] keep)
    {
        int length = part.Length;
        int count = keep.Count(k => k);
        var codes = new byte[count * length];
        var selected = new float[count * length * 4];
        var pwm = part.Pwm is null ? null : new float[count * length * 4];
        int j = 0;
        for (int i = 0; i < keep.Length; i++)
        {
            if (!keep[i])
            {
                continue;
            }

            Array.Copy(part.Codes, i * length, codes, j * length, length);
            Array.Copy(maps, i * length * 4, selected, j * length * 4, length * 4);
            if (pwm is not null)
            {
                Array.Copy(part.Pwm!, i * length * 4, pwm, j * length * 4, length * 4);
            }

            j++;
        }

        return (codes, selected, pwm);
    }

    /// <summary>The --json result: <see cref="ScoreGroundTruthResult"/> when the split has ground truth, else <see cref="ScoreResult"/>.</summary>
    internal static object ToJson(ReliabilityScores scores)
    {
        var weighted = scores.KldWeighted.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => JsonNumbers.Finite(p.Value));
        if (scores.GroundTruth is { } truth)
        {
            return new ScoreGroundTruthResult(
                scores.Sequences,
                JsonNumbers.Finite(scores.KldOriginal),
                weighted,
                JsonNumbers.Finite(scores.KldMultiscale),
                JsonNumbers.Finite(truth.Snr),
                JsonNumbers.Finite(truth.Auroc),
                JsonNumbers.Finite(truth.Aupr),
                truth.Sequences);
        }

        return new ScoreResult(scores.Sequences, JsonNumbers.Finite(scores.KldOriginal), weighted, JsonNumbers.Finite(scores.KldMultiscale));
    }

    private static string ToText(ReliabilityScores scores, string split)
    {
        static string F(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
        static string Row(string label, double v) => $"  {label,-28}{F(v),10}";
        var lines = new List<string>
        {
            $"split {split}: {scores.Sequences} sequences",
            Row("original KLD (k=6, q=0.9)", scores.KldOriginal),
        };
        foreach (var (k, v) in scores.KldWeighted)
        {
            lines.Add(Row($"weighted KLD k={k}", v));
        }

        lines.Add(Row("multi-scale KLD", scores.KldMultiscale));
        if (scores.GroundTruth is { } truth)
        {
            lines.Add($"ground truth over {truth.Sequences} positive sequences:");
            lines.Add(Row("SNR", truth.Snr));
            lines.Add(Row("interpretability AUROC", truth.Auroc));
            lines.Add(Row("interpretability AUPR", truth.Aupr));
        }

        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
