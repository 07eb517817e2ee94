using System.CommandLine;
using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;
using Motiflens.Interpretation.Datasets;

namespace Motiflens.Cli.Commands;

/// <summary><c>motiflens evaluate</c>: loss and metrics of a trained model on one split of a dataset.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory (model.json + weights.npz)", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset .npz", Required = true };
        var split = new Option<string>("--split") { Description = "Dataset split to evaluate", DefaultValueFactory = _ => "test" };
        var batchSize = new Option<int>("--batch-size") { Description = "Sequences per batch", DefaultValueFactory = _ => 256 };
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var command = new Command("evaluate", "Evaluate a trained model on a dataset split: loss, AUROC, AUPR, accuracy (or Pearson, Spearman)")
        {
            model, data, split, batchSize, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int threadCount = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            int batch = parseResult.GetValue(batchSize);
            if (batch < 1)
            {
                throw new InputException($"--batch-size must be at least 1; got {batch}");
            }

            string dataPath = parseResult.GetValue(data)!;
            string modelDir = parseResult.GetValue(model)!;
            using var loaded = ModelDirectory.Load(modelDir, threadCount);
            var part = SequenceDataset.Load(dataPath).Get(parseResult.GetValue(split)!);
            if (part.Count == 0)
            {
                throw new InputException(dataPath, $"x_{part.Name}", "the split has no sequences");
            }

            if (part.Length != loaded.Spec.InputLength)
            {
                throw new InputException(dataPath, $"x_{part.Name}", $"sequences of length {part.Length} do not fit the model in {modelDir}, which reads length {loaded.Spec.InputLength}");
            }

            if (part.Tasks != loaded.Spec.Outputs)
            {
                throw new InputException(dataPath, $"y_{part.Name}", $"{part.Tasks} target(s) per sequence, but the model in {modelDir} has {loaded.Spec.Outputs} output(s)");
            }

            var result = ModelEvaluator.Evaluate(loaded.Model, loaded.Spec, new DatasetSplitData(part), batch, ct);
            if (parseResult.GetValue(json))
            {
                if (result.IsClassification)
                {
                    Output.Json(EvaluateClassificationResult.From(result, part.Name, modelDir));
                }
                else
                {
                    Output.Json(EvaluateRegressionResult.From(result, part.Name, modelDir));
                }
            }
            else
            {
                Output.Line($"{modelDir} on {dataPath} [{part.Name}], {result.Count} sequences");
                Output.Line($"  loss      {Fmt(result.Loss)}");
                if (result.IsClassification)
                {
                    Output.Line($"  auroc     {Fmt(result.Auroc)}");
                    Output.Line($"  aupr      {Fmt(result.Aupr)}");
                    Output.Line($"  accuracy  {Fmt(result.Accuracy)}");
                    if (result.AurocPerTask.Count > 1)
                    {
                        for (int t = 0; t < result.AurocPerTask.Count; t++)
                        {
                            Output.Line($"  {loaded.OutputNames[t]}: auroc {Fmt(result.AurocPerTask[t])}, aupr {Fmt(result.AuprPerTask[t])}, accuracy {Fmt(result.AccuracyPerTask[t])}");
                        }
                    }
                }
                else
                {
                    Output.Line($"  pearson   {Fmt(result.Pearson)}");
                    Output.Line($"  spearman  {Fmt(result.Spearman)}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Fmt(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F4", CultureInfo.InvariantCulture);
}
