using System.Globalization;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Motiflens.Search.Population;

/// <summary>
/// Reads population grid files, YAML or JSON (docs/population.md). Every key is optional and defaults to the
/// paper grid's value. Problems are an <see cref="InputException"/> "file:line: expected X, found Y".
/// </summary>
public static class PopulationGridReader
{
    private static readonly string[] TopKeys = ["name", "model", "batchnorm", "activation", "regularization", "seeds", "training", "strengths", "attribution"];
    private static readonly string[] TrainingKeys = ["epochs", "patience", "lr", "batch_size", "lr_patience", "lr_factor", "min_lr", "optimizer", "weight_decay", "l1", "l2", "clip_norm"];
    private static readonly string[] StrengthKeys =
        ["input_mixup_alpha", "manifold_mixup_alpha", "input_noise_std", "manifold_noise_std", "adversarial", "adversarial_epsilon", "pgd_steps", "pgd_step_size", "spectral_norm_penalty"];

    private static readonly string[] AttributionKeys = ["max_sequences", "examples"];

    /// <summary>Reads the grid in <paramref name="path"/>; a relative <c>model</c> path is resolved against the file's folder.</summary>
    public static PopulationGrid Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = InputFiles.ReadAllText(path, "the grid file");

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Parses grid YAML/JSON <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static PopulationGrid Parse(string text, string source, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InputException(source, ex.Start.Line, $"invalid YAML/JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new InputException(source, 0, $"invalid YAML/JSON: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException(source, 1, "expected a mapping (model, batchnorm, activation, regularization, seeds, training, ...)");
        }

        CheckKeys(root, TopKeys, source, "grid");
        var grid = PopulationGrid.Paper with { Name = Path.GetFileNameWithoutExtension(source) };
        foreach (var (keyNode, value) in root.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value!;
            grid = key switch
            {
                "name" => grid with { Name = Scalar(value, source, key) },
                "model" => grid with { BaseSpec = Model(value, source, baseDirectory) },
                "batchnorm" => grid with { BatchNorm = List(value, source, key).Select(n => Bool(n, source, key)).ToArray() },
                "activation" => grid with { Activations = List(value, source, key).Select(n => Activation(n, source)).ToArray() },
                "regularization" => grid with { Regularizations = List(value, source, key).Select(n => Regularization(n, source)).ToArray() },
                "seeds" => grid with { Seeds = Int(value, source, key, 1) },
                "training" => grid with { Training = Training(value, grid.Training, source) },
                "strengths" => grid with { Strengths = Strengths(value, grid.Strengths, source) },
                "attribution" => grid with { Attribution = Attribution(value, grid.Attribution, source) },
                _ => grid,
            };
        }

        try
        {
            grid.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InputException(source, root.Start.Line, ex.Message);
        }

        return grid;
    }

    private static ModelSpec? Model(YamlNode node, string source, string baseDirectory)
    {
        string value = Scalar(node, source, "model");
        if (value == PopulationSpecs.BuiltinBaseName)
        {
            return null;
        }

        var path = Path.IsPathRooted(value) ? value : Path.Combine(baseDirectory, value);
        if (!File.Exists(path))
        {
            throw new InputException(source, node.Start.Line, $"model: expected '{PopulationSpecs.BuiltinBaseName}' or a model spec JSON file, found '{value}' (no such file)");
        }

        return ModelSpecJson.Load(path);
    }

    private static TrainingOptions Training(YamlNode node, TrainingOptions options, string source)
    {
        var map = Map(node, source, "training");
        CheckKeys(map, TrainingKeys, source, "training");
        foreach (var (k, v) in map.Children)
        {
            string key = ((YamlScalarNode)k).Value!;
            options = key switch
            {
                "epochs" => options with { Epochs = Int(v, source, key, 1) },
                "patience" => options with { Patience = Int(v, source, key, 0) },
                "lr" => options with { LearningRate = Double(v, source, key) },
                "batch_size" => options with { BatchSize = Int(v, source, key, 1) },
                "lr_patience" => options with { LrPatience = Int(v, source, key, 0) },
                "lr_factor" => options with { LrFactor = Double(v, source, key) },
                "min_lr" => options with { MinLearningRate = Double(v, source, key) },
                "weight_decay" => options with { WeightDecay = Double(v, source, key) },
                "l1" => options with { L1 = Double(v, source, key) },
                "l2" => options with { L2 = Double(v, source, key) },
                "clip_norm" => options with { ClipNorm = Double(v, source, key) },
                "optimizer" => options with
                {
                    Optimizer = Scalar(v, source, key) switch
                    {
                        "adam" => OptimizerKind.Adam,
                        "sgd" => OptimizerKind.Sgd,
                        var other => throw new InputException(source, v.Start.Line, $"optimizer: expected adam or sgd, found '{other}'"),
                    },
                },
                _ => options,
            };
        }

        return options;
    }

    private static RegularizationStrengths Strengths(YamlNode node, RegularizationStrengths s, string source)
    {
        var map = Map(node, source, "strengths");
        CheckKeys(map, StrengthKeys, source, "strengths");
        foreach (var (k, v) in map.Children)
        {
            string key = ((YamlScalarNode)k).Value!;
            s = key switch
            {
                "input_mixup_alpha" => s with { InputMixupAlpha = Double(v, source, key) },
                "manifold_mixup_alpha" => s with { ManifoldMixupAlpha = Double(v, source, key) },
                "input_noise_std" => s with { InputNoiseStd = Double(v, source, key) },
                "manifold_noise_std" => s with { ManifoldNoiseStd = Double(v, source, key) },
                "adversarial_epsilon" => s with { AdversarialEpsilon = Double(v, source, key) },
                "pgd_steps" => s with { PgdSteps = Int(v, source, key, 1) },
                "pgd_step_size" => s with { PgdStepSize = Double(v, source, key) },
                "spectral_norm_penalty" => s with { SpectralNormPenalty = Double(v, source, key) },
                "adversarial" => s with
                {
                    Adversarial = Scalar(v, source, key) switch
                    {
                        "fgsm" => AdversarialKind.Fgsm,
                        "pgd" => AdversarialKind.Pgd,
                        var other => throw new InputException(source, v.Start.Line, $"adversarial: expected fgsm or pgd, found '{other}'"),
                    },
                },
                _ => s,
            };
        }

        return s;
    }

    private static PopulationAttribution Attribution(YamlNode node, PopulationAttribution a, string source)
    {
        var map = Map(node, source, "attribution");
        CheckKeys(map, AttributionKeys, source, "attribution");
        foreach (var (k, v) in map.Children)
        {
            string key = ((YamlScalarNode)k).Value!;
            a = key == "max_sequences" ? a with { MaxSequences = Int(v, source, key, 1) } : a with { Examples = Int(v, source, key, 0) };
        }

        return a;
    }

    private static void CheckKeys(YamlMappingNode map, string[] allowed, string source, string where)
    {
        foreach (var (k, _) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } name } || !allowed.Contains(name))
            {
                throw new InputException(source, k.Start.Line, $"{where}: expected one of {string.Join(", ", allowed)}, found '{(k as YamlScalarNode)?.Value ?? k.ToString()}'");
            }
        }
    }

    private static YamlMappingNode Map(YamlNode node, string source, string key) =>
        node as YamlMappingNode ?? throw new InputException(source, node.Start.Line, $"{key}: expected a mapping, found {Describe(node)}");

    private static IEnumerable<YamlNode> List(YamlNode node, string source, string key) => node switch
    {
        YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children,
        YamlScalarNode scalar => [scalar],
        _ => throw new InputException(source, node.Start.Line, $"{key}: expected a value or a non-empty list, found {Describe(node)}"),
    };

    private static string Scalar(YamlNode node, string source, string key) =>
        node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw new InputException(source, node.Start.Line, $"{key}: expected a value, found {Describe(node)}");

    private static bool Bool(YamlNode node, string source, string key) => Scalar(node, source, key) switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        var other => throw new InputException(source, node.Start.Line, $"{key}: expected true or false, found '{other}'"),
    };

    private static string Activation(YamlNode node, string source)
    {
        string value = Scalar(node, source, "activation");
        return PopulationSpecs.Activations.ContainsKey(value)
            ? value
            : throw new InputException(source, node.Start.Line, $"activation: expected one of {string.Join(", ", PopulationSpecs.Activations.Keys)}, found '{value}'");
    }

    private static RegularizationKind Regularization(YamlNode node, string source)
    {
        string value = Scalar(node, source, "regularization");
        return RegularizationNames.TryParse(value)
            ?? throw new InputException(source, node.Start.Line, $"regularization: expected one of {string.Join(", ", RegularizationNames.Names)}, found '{value}'");
    }

    private static int Int(YamlNode node, string source, string key, int min)
    {
        string value = Scalar(node, source, key);
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min
            ? v
            : throw new InputException(source, node.Start.Line, $"{key}: expected an integer >= {min}, found '{value}'");
    }

    private static double Double(YamlNode node, string source, string key)
    {
        string value = Scalar(node, source, key);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0
            ? v
            : throw new InputException(source, node.Start.Line, $"{key}: expected a number >= 0, found '{value}'");
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}
