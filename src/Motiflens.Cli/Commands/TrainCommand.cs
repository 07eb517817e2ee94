using System.CommandLine;
using System.Globalization;
using Motiflens.Cli.Results;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;
using Motiflens.Interpretation.Datasets;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens train</c>: trains a model spec (a JSON file or a built-in name) on a dataset .npz and writes a
/// model directory (docs/training.md). The directory appears only when training succeeded.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset .npz (x_train/y_train, optional x_valid/y_valid and x_test/y_test)", Required = true };
        var model = new Option<string>("--model")
        {
            Description = "Model spec JSON file, or a built-in architecture: " + string.Join(", ", BuiltinModels.Names),
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Model directory to create", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var batchSize = new Option<int>("--batch-size") { Description = "Sequences per mini-batch", DefaultValueFactory = _ => 128 }.AtLeast(1);
        var lr = new Option<double>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 1e-3 }.Positive();
        var optimizer = new Option<string>("--optimizer") { Description = "adam (PyTorch defaults) or sgd (with --momentum)", DefaultValueFactory = _ => "adam" };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.9 }.InHalfOpenRange(0, 1);
        var weightDecay = new Option<double>("--weight-decay") { Description = "Weight decay added to every gradient, as torch.optim's weight_decay (0 = off)", DefaultValueFactory = _ => 0 }.NonNegative();
        var clipNorm = new Option<double>("--clip-norm") { Description = "Clip the global gradient L2 norm to this before each step, as clip_grad_norm_ (0 = off)", DefaultValueFactory = _ => 0 }.NonNegative();
        var patience = new Option<int>("--patience") { Description = "Early stopping: epochs without a better validation loss (0 = off)", DefaultValueFactory = _ => 5 }.AtLeast(0);
        var l1 = new Option<double>("--l1") { Description = "L1 penalty on weights", DefaultValueFactory = _ => 0 }.NonNegative();
        var l2 = new Option<double>("--l2") { Description = "L2 penalty on weights", DefaultValueFactory = _ => 0 }.NonNegative();
        var mixup = new Option<double>("--mixup") { Description = "Input mixup α: mix each batch with a shuffled copy, λ ~ Beta(α, α) (0 = off)", DefaultValueFactory = _ => 0 }.NonNegative();
        var manifoldMixup = new Option<double>("--manifold-mixup") { Description = "Manifold mixup α: mix at the input or a random hidden block boundary per batch (0 = off)", DefaultValueFactory = _ => 0 }.NonNegative();
        var inputNoise = new Option<double>("--input-noise") { Description = "σ of Gaussian noise added to the one-hot input during training (0 = off)", DefaultValueFactory = _ => 0 }.NonNegative();
        var manifoldNoise = new Option<double>("--manifold-noise") { Description = "σ of Gaussian noise added to hidden activations at every block boundary during training (0 = off)", DefaultValueFactory = _ => 0 }.NonNegative();
        var adversarial = new Option<string>("--adversarial") { Description = "Adversarial training on the one-hot input: none, fgsm or pgd (loss = ½ clean + ½ adversarial)", DefaultValueFactory = _ => "none" };
        var advEpsilon = new Option<double>("--adv-epsilon") { Description = "L∞ radius ε of the adversarial perturbation", DefaultValueFactory = _ => 0.1 }.Positive();
        var pgdSteps = new Option<int>("--pgd-steps") { Description = "PGD: signed-gradient steps", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var pgdStepSize = new Option<double>("--pgd-step-size") { Description = "PGD: step size before projection onto the ε-ball", DefaultValueFactory = _ => 0.04 }.Positive();
        var spectralNorm = new Option<double>("--spectral-norm") { Description = "Spectral-norm penalty coefficient: coef·Σ σ_max(W)² over conv/dense weights (0 = off)", DefaultValueFactory = _ => 0 }.NonNegative();
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists and is not empty" };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();
        var command = new Command("train", "Train a sequence model and write a model directory (model.json, weights.npz, training.tsv, metrics.json)")
        {
            data, model, output, epochs, batchSize, lr, optimizer, momentum, weightDecay, clipNorm, patience, l1, l2,
            mixup, manifoldMixup, inputNoise, manifoldNoise, adversarial, advEpsilon, pgdSteps, pgdStepSize, spectralNorm, force, seed, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            var options = new TrainingOptions
            {
                Epochs = parseResult.GetValue(epochs),
                BatchSize = parseResult.GetValue(batchSize),
                LearningRate = parseResult.GetValue(lr),
                Optimizer = parseResult.GetValue(optimizer)!.ToLowerInvariant() switch
                {
                    "adam" => OptimizerKind.Adam,
                    "sgd" => OptimizerKind.Sgd,
                    var other => throw new InputException($"--optimizer must be adam or sgd; got '{other}'"),
                },
                Momentum = parseResult.GetValue(momentum),
                WeightDecay = parseResult.GetValue(weightDecay),
                ClipNorm = parseResult.GetValue(clipNorm),
                Patience = parseResult.GetValue(patience),
                L1 = parseResult.GetValue(l1),
                L2 = parseResult.GetValue(l2),
                InputMixupAlpha = parseResult.GetValue(mixup),
                ManifoldMixupAlpha = parseResult.GetValue(manifoldMixup),
                InputNoiseStd = parseResult.GetValue(inputNoise),
                ManifoldNoiseStd = parseResult.GetValue(manifoldNoise),
                Adversarial = parseResult.GetValue(adversarial)!.ToLowerInvariant() switch
                {
                    "none" => AdversarialKind.None,
                    "fgsm" => AdversarialKind.Fgsm,
                    "pgd" => AdversarialKind.Pgd,
                    var other => throw new InputException($"--adversarial must be none, fgsm or pgd; got '{other}'"),
                },
                AdversarialEpsilon = parseResult.GetValue(advEpsilon),
                PgdSteps = parseResult.GetValue(pgdSteps),
                PgdStepSize = parseResult.GetValue(pgdStepSize),
                SpectralNormPenalty = parseResult.GetValue(spectralNorm),
                Seed = parseResult.GetValue(seed),
                Threads = CommonOptions.CheckThreads(parseResult.GetValue(threads)),
            };
            string outDir = Path.GetFullPath(parseResult.GetValue(output)!);
            bool replace = parseResult.GetValue(force);
            if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any() && !replace)
            {
                throw new InputException(outDir, 0, "output directory exists and is not empty; use --force to replace it");
            }

            if (File.Exists(outDir))
            {
                throw new InputException(outDir, 0, "exists and is a file, not a directory");
            }

            string dataPath = parseResult.GetValue(data)!;
            var dataset = SequenceDataset.Load(dataPath);
            var train = dataset.Get("train");
            if (train.Count < 2)
            {
                throw new InputException(dataPath, "x_train", $"need at least 2 training sequences; found {train.Count}");
            }

            var valid = dataset.TryGet("valid");
            var test = dataset.TryGet("test");
            var spec = ResolveSpec(parseResult.GetValue(model)!, dataPath, train);

            using var engineModel = ModelBuilder.Build(spec, options.Seed, options.Threads);
            var trainer = new Trainer(engineModel, spec, options);
            string validText = valid is { Count: > 0 } ? $"{valid.Count} validation" : "no validation split (early stopping on training loss)";
            Output.Info($"training {Describe(parseResult.GetValue(model)!)} on {train.Count} sequences ({validText}), L = {train.Length}, {train.Tasks} task(s), {engineModel.ParameterCount:N0} parameters, {options.Threads} thread(s)");
            var result = Output.WithProgress("train", progress => trainer.Fit(
                new DatasetSplitData(train), valid is { Count: > 0 } ? new DatasetSplitData(valid) : null, new TrainingReporter(progress), ct));

            var evaluated = test is { Count: > 0 } ? test : valid is { Count: > 0 } ? valid : train;
            var metrics = ModelEvaluator.Evaluate(engineModel, spec, new DatasetSplitData(evaluated), 256, ct);

            WriteDirectory(outDir, replace, dir => ModelDirectory.Save(dir, spec, engineModel, options, result, metrics));

            var best = result.History[result.BestEpoch - 1];
            Output.Info($"wrote {outDir}: {result.History.Count} epoch(s), best epoch {result.BestEpoch}" +
                (best.Validation is { } v ? $" (validation loss {v.Loss:F4}, AUROC {Fmt(v.Auroc)})" : string.Empty) +
                $"; {evaluated.Name}: loss {metrics.Loss:F4}" + (metrics.IsClassification ? $", AUROC {Fmt(metrics.Auroc)}, AUPR {Fmt(metrics.Aupr)}" : $", Pearson {Fmt(metrics.Pearson)}"));
            if (parseResult.GetValue(json))
            {
                double validationLoss = best.Validation?.Loss ?? double.NaN;
                if (metrics.IsClassification)
                {
                    Output.Json(TrainClassificationResult.From(outDir, result, validationLoss, evaluated.Name, metrics));
                }
                else
                {
                    Output.Json(TrainRegressionResult.From(outDir, result, validationLoss, evaluated.Name, metrics));
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Writes the directory into a hidden sibling first and renames it into place, so a failure never leaves a
    /// partial model directory behind.
    /// </summary>
    internal static void WriteDirectory(string outDir, bool replace, Action<string> write)
    {
        var parent = Path.GetDirectoryName(outDir) ?? ".";
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(outDir)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            if (Directory.Exists(outDir))
            {
                if (!replace && Directory.EnumerateFileSystemEntries(outDir).Any())
                {
                    throw new InputException(outDir, 0, "output directory appeared while training; not replacing it (use --force)");
                }

                Directory.Delete(outDir, recursive: true);
            }

            Directory.Move(temp, outDir);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>The spec for --model: a built-in name (sized to the data) or a JSON file that must fit the data.</summary>
    internal static ModelSpec ResolveSpec(string model, string dataPath, DatasetSplit train)
    {
        if (BuiltinModels.Names.Contains(model) && !File.Exists(model))
        {
            return BuiltinModels.Get(model, train.Length, train.Tasks)!;
        }

        if (!File.Exists(model))
        {
            throw new InputException(model, 0, $"no such model spec file, and not a built-in model ({string.Join(", ", BuiltinModels.Names)})");
        }

        var spec = ModelSpecJson.Load(model);
        if (spec.InputLength != train.Length)
        {
            throw new InputException(model, "input.length", $"is {spec.InputLength}, but the sequences in {dataPath} have length {train.Length}");
        }

        if (spec.Alphabet.Length != 4)
        {
            throw new InputException(model, "input.alphabet", $"must have 4 letters for DNA one-hot data; got '{spec.Alphabet}'");
        }

        if (spec.Outputs != train.Tasks)
        {
            throw new InputException(model, $"layers[{spec.Layers.Count - 1}]", $"the model has {spec.Outputs} output(s), but {dataPath} has {train.Tasks} target(s) per sequence (y_train)");
        }

        return spec;
    }

    private static string Describe(string model) => BuiltinModels.Names.Contains(model) && !File.Exists(model) ? $"built-in '{model}'" : model;

    private static string Fmt(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>Turns trainer progress into the CLI's progress bar: overall fraction plus epoch, loss, AUROC and ETA.</summary>
    private sealed class TrainingReporter(IProgress<ProgressInfo> bar) : IProgress<TrainingProgress>
    {
        private double _lastAuroc = double.NaN;

        public void Report(TrainingProgress p)
        {
            if (p.Validation is { } v)
            {
                _lastAuroc = v.IsClassification ? v.Auroc : v.Pearson;
            }

            var metric = double.IsNaN(_lastAuroc) ? string.Empty : $" val {_lastAuroc:F3}";
            var eta = p.Eta.TotalHours >= 1 ? p.Eta.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : p.Eta.ToString(@"m\:ss", CultureInfo.InvariantCulture);
            bar.Report(new ProgressInfo(p.Fraction, 1.0, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F4}{metric} ETA {eta}"));
        }
    }
}
