using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.IO;

namespace Motiflens.Engine.Checkpoints;

/// <summary>
/// A trained model on disk (docs/training.md): <c>model.json</c> (the spec, output names and training
/// settings), <c>weights.npz</c> (<c>layers.{i}.{param}</c>, PyTorch names and shapes), <c>training.tsv</c>
/// (per-epoch history) and <c>metrics.json</c> (test metrics). Every file is written atomically.
/// </summary>
public static class ModelDirectory
{
    public const string ModelFile = "model.json";
    public const string WeightsFileName = "weights.npz";
    public const string HistoryFile = "training.tsv";
    public const string MetricsFile = "metrics.json";

    /// <summary>The value of model.json's <c>"format"</c>.</summary>
    public const string Format = "motiflens-model/1";

    /// <summary>
    /// Writes the model directory <paramref name="directory"/> (created if needed): model.json and weights.npz
    /// always, training.tsv when <paramref name="result"/> is given, metrics.json when <paramref name="metrics"/> is.
    /// </summary>
    public static void Save(string directory, ModelSpec spec, Model model, TrainingOptions? options = null, TrainingResult? result = null,
        EvaluationResult? metrics = null, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        WeightsFile.Write(Path.Combine(directory, WeightsFileName), model.StateDict());
        AtomicFile.WriteAllText(Path.Combine(directory, ModelFile), ModelJson(spec, options, result, outputNames));
        if (result is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, HistoryFile), HistoryTsv.Format(result.History));
        }

        if (metrics is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, MetricsFile), MetricsJson.ToJsonString(MetricsJson.ToJson(metrics)));
        }
    }

    /// <summary>The text of model.json.</summary>
    public static string ModelJson(ModelSpec spec, TrainingOptions? options = null, TrainingResult? result = null, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var names = outputNames ?? spec.OutputNames ?? DefaultOutputNames(spec.Outputs);
        if (names.Count != spec.Outputs)
        {
            throw new ArgumentException($"{names.Count} output names for {spec.Outputs} outputs");
        }

        var o = new JsonObject { ["format"] = Format };
        foreach (var (key, value) in ModelSpecJson.ToJson(spec with { OutputNames = names }).ToList())
        {
            o[key] = value?.DeepClone();
        }

        if (options is not null)
        {
            var t = new JsonObject
            {
                ["epochs"] = options.Epochs,
                ["batch_size"] = options.BatchSize,
                ["lr"] = options.LearningRate,
                ["seed"] = options.Seed,
                ["threads"] = options.Threads,
                ["optimizer"] = options.Optimizer == OptimizerKind.Sgd ? "sgd" : "adam",
                ["momentum"] = options.Momentum,
                ["weight_decay"] = options.WeightDecay,
                ["l1"] = options.L1,
                ["l2"] = options.L2,
                ["clip_norm"] = options.ClipNorm,
                ["patience"] = options.Patience,
                ["restore_best_weights"] = options.RestoreBestWeights,
                ["lr_factor"] = options.LrFactor,
                ["lr_patience"] = options.LrPatience,
                ["min_lr"] = options.MinLearningRate,
                ["mixup_alpha"] = options.InputMixupAlpha,
                ["manifold_mixup_alpha"] = options.ManifoldMixupAlpha,
                ["input_noise_std"] = options.InputNoiseStd,
                ["manifold_noise_std"] = options.ManifoldNoiseStd,
                ["adversarial"] = AdversarialName(options.Adversarial),
                ["adversarial_epsilon"] = options.AdversarialEpsilon,
                ["pgd_steps"] = options.PgdSteps,
                ["pgd_step_size"] = options.PgdStepSize,
                ["spectral_norm"] = options.SpectralNormPenalty,
                ["input_length"] = spec.InputLength,
                ["alphabet"] = spec.Alphabet,
            };
            if (result is not null)
            {
                t["epochs_run"] = result.History.Count;
                t["best_epoch"] = result.BestEpoch;
                t["stopped_early"] = result.StoppedEarly;
            }

            o["training"] = t;
        }

        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Names "output_0", "output_1", ... used when neither the data nor the spec names the outputs.</summary>
    public static IReadOnlyList<string> DefaultOutputNames(int outputs) =>
        Enumerable.Range(0, outputs).Select(i => "output_" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Reads a model directory back into a runnable model (eval mode, <paramref name="threads"/> threads). A missing
    /// or malformed file, or weights that do not fit the spec, is an <see cref="InputException"/> naming the file.
    /// </summary>
    public static LoadedModel Load(string directory, int threads = 1)
    {
        var modelPath = Path.Combine(directory, ModelFile);
        var weightsPath = Path.Combine(directory, WeightsFileName);
        if (!Directory.Exists(directory))
        {
            throw new InputException(directory, 0, "model directory not found");
        }

        if (!File.Exists(modelPath))
        {
            throw new InputException(modelPath, 0, "missing: not a Motiflens model directory");
        }

        if (!File.Exists(weightsPath))
        {
            throw new InputException(weightsPath, 0, "missing weights file");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(modelPath));
        }
        catch (JsonException ex)
        {
            throw new InputException(modelPath, (ex.LineNumber ?? -1) + 1, $"invalid JSON: {ex.Message}");
        }

        ModelSpec spec;
        TrainingOptions? options = null;
        using (doc)
        {
            spec = ModelSpecJson.FromElement(doc.RootElement, modelPath);
            if (doc.RootElement.TryGetProperty("training", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                options = ReadOptions(modelPath, t);
            }
        }

        var state = WeightsFile.Read(weightsPath);
        var model = ModelBuilder.Build(spec, seed: 0, threads);
        try
        {
            model.LoadStateDict(state.Values, strict: true);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
        {
            model.Dispose();
            throw new InputException(weightsPath, 0, $"weights do not fit {ModelFile}: {ex.Message}");
        }

        model.Training = false;
        var names = spec.OutputNames ?? DefaultOutputNames(spec.Outputs);
        return new LoadedModel(directory, spec, model, options, names);
    }

    /// <summary>The model.json name of an adversarial-training kind: "none", "fgsm" or "pgd".</summary>
    public static string AdversarialName(AdversarialKind kind) => kind switch
    {
        AdversarialKind.Fgsm => "fgsm",
        AdversarialKind.Pgd => "pgd",
        _ => "none",
    };

    private static TrainingOptions ReadOptions(string path, JsonElement t)
    {
        double D(string key, double fallback) => t.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;
        int I(string key, int fallback) => t.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : fallback;
        bool B(string key, bool fallback) => t.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;
        var d = new TrainingOptions();
        var optimizer = t.TryGetProperty("optimizer", out var opt) && opt.ValueKind == JsonValueKind.String ? opt.GetString() : "adam";
        var options = new TrainingOptions
        {
            Epochs = I("epochs", d.Epochs),
            BatchSize = I("batch_size", d.BatchSize),
            LearningRate = D("lr", d.LearningRate),
            Seed = I("seed", d.Seed),
            Threads = I("threads", d.Threads),
            Optimizer = optimizer == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam,
            Momentum = D("momentum", d.Momentum),
            WeightDecay = D("weight_decay", d.WeightDecay),
            L1 = D("l1", d.L1),
            L2 = D("l2", d.L2),
            ClipNorm = D("clip_norm", d.ClipNorm),
            Patience = I("patience", d.Patience),
            RestoreBestWeights = B("restore_best_weights", d.RestoreBestWeights),
            LrFactor = D("lr_factor", d.LrFactor),
            LrPatience = I("lr_patience", d.LrPatience),
            MinLearningRate = D("min_lr", d.MinLearningRate),
            InputMixupAlpha = D("mixup_alpha", d.InputMixupAlpha),
            ManifoldMixupAlpha = D("manifold_mixup_alpha", d.ManifoldMixupAlpha),
            InputNoiseStd = D("input_noise_std", d.InputNoiseStd),
            ManifoldNoiseStd = D("manifold_noise_std", d.ManifoldNoiseStd),
            Adversarial = (t.TryGetProperty("adversarial", out var adv) && adv.ValueKind == JsonValueKind.String ? adv.GetString() : "none") switch
            {
                "fgsm" => AdversarialKind.Fgsm,
                "pgd" => AdversarialKind.Pgd,
                _ => AdversarialKind.None,
            },
            AdversarialEpsilon = D("adversarial_epsilon", d.AdversarialEpsilon),
            PgdSteps = I("pgd_steps", d.PgdSteps),
            PgdStepSize = D("pgd_step_size", d.PgdStepSize),
            SpectralNormPenalty = D("spectral_norm", d.SpectralNormPenalty),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InputException(path, "training", ex.Message);
        }

        return options;
    }
}
