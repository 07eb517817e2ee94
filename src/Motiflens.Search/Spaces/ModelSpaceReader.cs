using System.Globalization;
using Motiflens.Engine.Spec;
using Motiflens.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Motiflens.Search.Spaces;

/// <summary>
/// Reads model-space YAML files (docs/search.md). A parameter given as a list expands into one option per value
/// (several lists: their Cartesian product, in key order), so <c>{type: conv1d, filters: 3, kernel_size: [8, 14, 20]}</c>
/// is three options. Every problem is an <see cref="InputException"/> "file:line: expected X, found Y".
/// </summary>
public static class ModelSpaceReader
{
    private static readonly string[] TopKeys = ["name", "input", "layers", "output", "loss", "description"];

    /// <summary>Reads the space in <paramref name="path"/>.</summary>
    public static ModelSpace Load(string path) => Parse(InputFiles.ReadAllText(path, "the model space"), path);

    /// <summary>Parses YAML <paramref name="text"/>; <paramref name="source"/> names it in messages.</summary>
    public static ModelSpace Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InputException(source, ex.Start.Line, $"invalid YAML: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            throw new InputException(source, 0, $"invalid YAML (an unterminated {{...}} or [...]?): {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException(source, 1, "expected a mapping with 'input', 'layers' and 'output'");
        }

        var reader = new Reader(source);
        return reader.Space(root);
    }

    /// <summary>
    /// Maps an operation type name (case, '_' and '-' ignored; BioNAS/Keras spellings accepted) to its layer type;
    /// <paramref name="isIdentity"/> is set for "identity"/"none" (no layer). Null when the name is unknown.
    /// </summary>
    public static LayerType? KindOf(string typeName, out bool isIdentity)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        isIdentity = LayerCatalog.Normalize(typeName) is "identity" or "none";
        return isIdentity ? null : LayerCatalog.FindSpace(typeName);
    }

    /// <summary>Maps an activation name ("relu", "sigmoid", "linear", ...) to its kind.</summary>
    public static ActivationKind? ActivationOf(string name) => SpaceValues.ActivationOf(name);

    /// <summary>The parameter names an operation accepts (aliases map to the first spelling); none for identity.</summary>
    internal static IReadOnlyList<string> ParametersOf(LayerType? type) => type?.SpaceParameters ?? [];

    internal static string CanonicalParameter(string key) => key.ToLowerInvariant() switch
    {
        "kernel" or "kernel_size" => "kernel_size",
        "size" or "pool_size" => "pool_size",
        "strides" or "stride" => "stride",
        var k => k,
    };

    /// <summary>
    /// Builds one operation from parameter values given as strings (used by the YAML reader and the BioNAS history
    /// reader); null <paramref name="type"/> is identity. Throws <see cref="FormatException"/> with a readable
    /// message on a bad value or missing parameter.
    /// </summary>
    internal static Operation Build(LayerType? type, IReadOnlyDictionary<string, string> values) =>
        type is null ? Operation.Identity : new Operation(type.FromSpace(new SpaceValues(type, values)));

    internal static string Name(LayerType? type) => type?.SpaceName ?? "identity";

    /// <summary>The accepted operation type names, for messages.</summary>
    private static string OperationTypes => string.Join(", ", LayerCatalog.SpaceNames.Take(2).Append("identity").Concat(LayerCatalog.SpaceNames.Skip(2)));

    private sealed class Reader(string source)
    {
        public ModelSpace Space(YamlMappingNode root)
        {
            CheckKeys(root, TopKeys, "model space");
            string name = root.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode) ? Scalar(nameNode, "a name") : Path.GetFileNameWithoutExtension(source);
            var input = Mapping(Required(root, "input", "model space"), "the input mapping {length, alphabet}");
            CheckKeys(input, ["length", "alphabet"], "input");
            var lengthNode = Required(input, "length", "input");
            int length = PositiveInt(lengthNode, "input length");
            string alphabet = input.Children.TryGetValue(new YamlScalarNode("alphabet"), out var alphaNode) ? Scalar(alphaNode, "an alphabet such as ACGT") : "ACGT";
            if (alphabet.Length < 2 || alphabet.Distinct().Count() != alphabet.Length)
            {
                throw Error(alphaNode ?? input, $"expected an alphabet of distinct letters such as ACGT, found '{alphabet}'");
            }

            var loss = LossKind.Bce;
            if (root.Children.TryGetValue(new YamlScalarNode("loss"), out var lossNode))
            {
                var s = Scalar(lossNode, "a loss");
                loss = s.ToLowerInvariant() switch
                {
                    "bce" => LossKind.Bce,
                    "mse" => LossKind.Mse,
                    "poisson" => LossKind.Poisson,
                    "categorical_crossentropy" => LossKind.CategoricalCrossentropy,
                    _ => throw Error(lossNode, $"expected loss bce, mse, poisson or categorical_crossentropy, found '{s}'"),
                };
            }

            var layersNode = Required(root, "layers", "model space");
            if (layersNode is not YamlSequenceNode layerSeq || layerSeq.Children.Count == 0)
            {
                throw Error(layersNode, "expected a non-empty list of layers");
            }

            var layers = new List<SpaceLayer>();
            foreach (var layerNode in layerSeq.Children)
            {
                layers.Add(Layer(layerNode, layers.Count));
            }

            var outputNode = Required(root, "output", "model space");
            var outputs = Operations(outputNode);
            if (outputs.Count != 1 || outputs[0].IsIdentity)
            {
                throw Error(outputNode, "expected one fixed output operation such as {type: dense, units: 1, activation: sigmoid}");
            }

            return new ModelSpace(name, length, alphabet, layers, outputs[0], loss, source);
        }

        private SpaceLayer Layer(YamlNode node, int index)
        {
            // A layer is either {name, options: [...]} or directly the list of options.
            string name = $"layer{index + 1}";
            YamlNode optionsNode = node;
            if (node is YamlMappingNode map)
            {
                CheckKeys(map, ["name", "options"], $"layer {index + 1}");
                if (map.Children.TryGetValue(new YamlScalarNode("name"), out var n))
                {
                    name = Scalar(n, "a layer name");
                }

                optionsNode = Required(map, "options", $"layer {index + 1}");
            }

            if (optionsNode is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                throw Error(optionsNode, $"expected a non-empty list of options for layer {index + 1}");
            }

            var options = new List<Operation>();
            foreach (var child in seq.Children)
            {
                foreach (var op in Operations(child))
                {
                    if (options.Contains(op))
                    {
                        throw Error(child, $"duplicate option {op.Label} in layer {index + 1} ('{name}')");
                    }

                    options.Add(op);
                }
            }

            return new SpaceLayer(name, options, Line(node));
        }

        private List<Operation> Operations(YamlNode node)
        {
            var map = Mapping(node, "an operation such as {type: conv1d, filters: 3, kernel_size: 8}");
            var typeNode = Required(map, "type", "operation");
            var typeName = Scalar(typeNode, "an operation type");
            var kind = KindOf(typeName, out bool identity);
            if (kind is null && !identity)
            {
                throw Error(typeNode, $"expected an operation type ({OperationTypes}), found '{typeName}'");
            }

            var allowed = ParametersOf(kind);
            var keys = new List<string>();
            var choices = new List<List<(string Value, YamlNode Node)>>();
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var key = Scalar(keyNode, "a parameter name");
                if (key == "type")
                {
                    continue;
                }

                var canonical = CanonicalParameter(key);
                if (!allowed.Contains(canonical))
                {
                    throw Error(keyNode, allowed.Count == 0
                        ? $"{Name(kind)} takes no parameters, found '{key}'"
                        : $"expected a parameter of {Name(kind)} ({string.Join(", ", allowed)}), found '{key}'");
                }

                var values = new List<(string, YamlNode)>();
                if (valueNode is YamlSequenceNode list)
                {
                    if (list.Children.Count == 0)
                    {
                        throw Error(valueNode, $"expected at least one value for '{key}'");
                    }

                    foreach (var item in list.Children)
                    {
                        values.Add((Scalar(item, $"a value for '{key}'"), item));
                    }
                }
                else
                {
                    values.Add((Scalar(valueNode, $"a value for '{key}'"), valueNode));
                }

                keys.Add(canonical);
                choices.Add(values);
            }

            var result = new List<Operation>();
            var current = new Dictionary<string, string>();
            void Expand(int k)
            {
                if (k == keys.Count)
                {
                    try
                    {
                        result.Add(Build(kind, current));
                    }
                    catch (FormatException ex)
                    {
                        throw Error(map, ex.Message);
                    }

                    return;
                }

                foreach (var (value, valueNode) in choices[k])
                {
                    current[keys[k]] = value;
                    try
                    {
                        // Validate each value where it is written, so the error points at its line.
                        Build(kind, WithDefaults(kind, current, keys[k]));
                    }
                    catch (FormatException ex) when (ex.Message.Contains($"'{keys[k]}'", StringComparison.Ordinal) && !ex.Message.Contains("needs", StringComparison.Ordinal))
                    {
                        throw Error(valueNode, ex.Message);
                    }
                    catch (FormatException)
                    {
                        // Missing other parameters are reported once the operation is complete.
                    }

                    Expand(k + 1);
                }

                current.Remove(keys[k]);
            }

            Expand(0);
            return result;
        }

        private static Dictionary<string, string> WithDefaults(LayerType? kind, Dictionary<string, string> values, string key)
        {
            // Fill the other required integers with 1 so that only the value of 'key' is judged.
            var probe = new Dictionary<string, string> { [key] = values[key] };
            foreach (var p in ParametersOf(kind))
            {
                if (p != key && p is "filters" or "kernel_size" or "pool_size" or "units" or "rate")
                {
                    probe.TryAdd(p, p == "rate" ? "0.5" : "1");
                }
            }

            return probe;
        }

        private YamlNode Required(YamlMappingNode map, string key, string what) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : throw Error(map, $"expected '{key}' in {what}");

        private void CheckKeys(YamlMappingNode map, IReadOnlyCollection<string> allowed, string what)
        {
            foreach (var keyNode in map.Children.Keys)
            {
                var key = Scalar(keyNode, "a key");
                if (!allowed.Contains(key))
                {
                    throw Error(keyNode, $"expected one of {string.Join(", ", allowed)} in {what}, found '{key}'");
                }
            }
        }

        private YamlMappingNode Mapping(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw Error(node, $"expected {what}, found {Describe(node)}");

        private string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { } v } ? v : throw Error(node, $"expected {what}, found {Describe(node)}");

        private int PositiveInt(YamlNode node, string what)
        {
            var s = Scalar(node, what);
            return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 1
                ? v
                : throw Error(node, $"expected a positive integer {what}, found '{s}'");
        }

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode s => $"'{s.Value}'",
            _ => "nothing",
        };

        private static int Line(YamlNode node) => (int)Math.Min(int.MaxValue, node.Start.Line);

        private InputException Error(YamlNode node, string problem) => new(source, node.Start.Line, problem);
    }
}
