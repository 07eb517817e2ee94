using System.CommandLine;
using System.Diagnostics;
using Motiflens.Engine.Checkpoints;
using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Attribution;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens attribute</c>: attribution maps (N, L, 4) float32 of a trained model for one dataset split.
/// </summary>
public static class AttributeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory (model.json + weights.npz)", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset .npz", Required = true };
        var split = new Option<string>("--split") { Description = "Dataset split to explain", DefaultValueFactory = _ => "test" };
        var method = new Option<string>("--method")
        {
            Description = "saliency | gradxinput | ig (integrated gradients) | smoothgrad | eig (expected integrated gradients) | ism (saturation mutagenesis)",
            DefaultValueFactory = _ => "saliency",
        };
        method.AcceptOnlyFromAmong("saliency", "gradxinput", "ig", "smoothgrad", "eig", "ism");
        var task = new Option<int>("--task") { Description = "Model output (task index) to explain", DefaultValueFactory = _ => 0 };
        var correct = new Option<bool>("--correct") { Description = "Apply gradient correction (subtract each position's channel mean)" };
        var output = new Option<string>("--out") { Description = "Output .npy, (N, L, 4) float32", Required = true };
        var steps = new Option<int>("--steps") { Description = "ig: integration steps", DefaultValueFactory = _ => 50 };
        var baseline = new Option<string>("--baseline") { Description = "ig: baseline zeros | uniform | shuffle (dinucleotide-shuffled)", DefaultValueFactory = _ => "zeros" };
        baseline.AcceptOnlyFromAmong("zeros", "uniform", "shuffle");
        var rule = new Option<string>("--rule") { Description = "ig: riemann (midpoint) | gausslegendre", DefaultValueFactory = _ => "gausslegendre" };
        rule.AcceptOnlyFromAmong("riemann", "gausslegendre");
        var samples = new Option<int>("--samples") { Description = "smoothgrad / eig: samples per sequence", DefaultValueFactory = _ => 50 };
        var sigma = new Option<double>("--sigma") { Description = "smoothgrad: noise standard deviation", DefaultValueFactory = _ => 0.15 };
        var batchSize = new Option<int>("--batch-size") { Description = "Sequences per batch", DefaultValueFactory = _ => 64 };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();

        var command = new Command("attribute", "Compute attribution maps of a trained model (saliency, gradient x input, IG, SmoothGrad, EIG, ISM)")
        {
            model, data, split, method, task, correct, output, steps, baseline, rule, samples, sigma, batchSize, seed, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int threadCount = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            int batch = Positive(parseResult.GetValue(batchSize), "--batch-size");
            string outPath = parseResult.GetValue(output)!;
            string dataPath = parseResult.GetValue(data)!;
            var attribution = CreateMethod(parseResult.GetValue(method)!, parseResult.GetValue(steps), parseResult.GetValue(baseline)!,
                parseResult.GetValue(rule)!, parseResult.GetValue(samples), parseResult.GetValue(sigma), parseResult.GetValue(seed));

            var part = SequenceDataset.Load(dataPath).Get(parseResult.GetValue(split)!);
            if (part.Count == 0)
            {
                throw new InputException(dataPath, $"x_{part.Name}", "the split has no sequences");
            }

            string modelDir = parseResult.GetValue(model)!;
            using var loaded = ModelDirectory.Load(modelDir, threadCount);
            var inputShape = loaded.Model.InputShape;
            if (inputShape.Length != 2 || inputShape[0] != part.Length || inputShape[1] != 4)
            {
                throw new InputException(dataPath, $"x_{part.Name}", $"sequences of length {part.Length} do not fit the model in {modelDir}, which reads ({string.Join(", ", inputShape)})");
            }

            int outputs = loaded.Model.OutputShape.Aggregate(1, (a, b) => a * b);
            int taskIndex = parseResult.GetValue(task);
            if (taskIndex < 0 || taskIndex >= outputs)
            {
                throw new InputException($"--task must satisfy 0 <= task < {outputs} (outputs of {modelDir}: {string.Join(", ", loaded.OutputNames)}); got {taskIndex}");
            }

            var watch = Stopwatch.StartNew();
            var options = new AttributionOptions(taskIndex, batch, parseResult.GetValue(correct));
            var maps = Output.WithProgress($"attribute ({parseResult.GetValue(method)})", progress =>
                AttributionRunner.Run(loaded.Model, part.Codes, part.Length, attribution, options,
                    new Progress(progress), ct));
            AttributionMapFile.Save(outPath, maps, part.Count, part.Length);
            double seconds = watch.Elapsed.TotalSeconds;
            Output.Info($"wrote {outPath}: ({part.Count}, {part.Length}, 4) float32, {parseResult.GetValue(method)} of output {taskIndex} ({loaded.OutputNames[taskIndex]}) in {seconds:F1} s");
            if (parseResult.GetValue(json))
            {
                Output.Json(new AttributeResult(outPath, parseResult.GetValue(method)!, taskIndex, part.Count, part.Length, options.Correct, seconds));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static IAttributionMethod CreateMethod(string name, int steps, string baseline, string rule, int samples, double sigma, int seed) => name switch
    {
        "saliency" => new Saliency(),
        "gradxinput" => new GradientTimesInput(),
        "ig" => new IntegratedGradients(
            Positive(steps, "--steps"),
            baseline switch
            {
                "uniform" => IntegratedGradientsBaseline.Uniform,
                "shuffle" => IntegratedGradientsBaseline.DinucleotideShuffled,
                _ => IntegratedGradientsBaseline.Zeros,
            },
            rule == "riemann" ? IntegrationRule.Riemann : IntegrationRule.GaussLegendre,
            seed),
        "smoothgrad" => new SmoothGrad(Positive(samples, "--samples"),
            sigma >= 0 && double.IsFinite(sigma) ? sigma : throw new InputException($"--sigma must be a finite number >= 0; got {sigma}"), seed),
        "eig" => new ExpectedIntegratedGradients(Positive(samples, "--samples"), seed),
        _ => new SaturationMutagenesis(),
    };

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new InputException($"{option} must be at least 1; got {value}");

    private sealed class Progress(IProgress<ProgressInfo> inner) : IProgress<AttributionProgress>
    {
        public void Report(AttributionProgress value) => inner.Report(new ProgressInfo(value.Done, value.Total, $"{value.Done}/{value.Total} sequences"));
    }

    /// <summary>The --json result: the attribution file written and how it was made.</summary>
    internal sealed record AttributeResult(string Out, string Method, int Task, int NSequences, int Length, bool Corrected, double Seconds);
}
