using System.Text.Json;
using System.Text.Json.Nodes;
using Motiflens.IO;

namespace Motiflens.Engine.Spec;

/// <summary>
/// Reads and writes the model-spec JSON (docs/model-spec.md). Reading is strict: an unknown layer type or
/// field, a missing required field or a bad value is an <see cref="InputException"/> naming the file, the
/// layer (<c>layers[3]</c>) and the field.
/// </summary>
public static class ModelSpecJson
{
    private static readonly Dictionary<string, ActivationKind> Activations = new(StringComparer.Ordinal)
    {
        ["linear"] = ActivationKind.Linear,
        ["relu"] = ActivationKind.Relu,
        ["exponential"] = ActivationKind.Exponential,
        ["sigmoid"] = ActivationKind.Sigmoid,
        ["softplus"] = ActivationKind.Softplus,
        ["tanh"] = ActivationKind.Tanh,
        ["softmax"] = ActivationKind.Softmax,
    };

    private static readonly Dictionary<string, LossKind> Losses = new(StringComparer.Ordinal)
    {
        ["bce"] = LossKind.Bce,
        ["mse"] = LossKind.Mse,
        ["poisson"] = LossKind.Poisson,
        ["categorical_crossentropy"] = LossKind.CategoricalCrossentropy,
    };

    /// <summary>Top-level keys besides input/layers/loss that a spec may carry (model.json adds the training settings).</summary>
    private static readonly string[] TopLevel = ["input", "layers", "loss", "outputs", "name", "format", "training"];

    /// <summary>The accepted <c>"type"</c> names, for error messages and docs.</summary>
    public static IReadOnlyList<string> TypeNames => LayerCatalog.JsonNames;

    /// <summary>The activation names, as the <c>"activation"</c> field and activation layers spell them.</summary>
    public static IReadOnlyList<string> ActivationNames { get; } = [.. Activations.Keys];

    /// <summary>Reads a spec file; every problem is an <see cref="InputException"/> naming <paramref name="path"/>.</summary>
    public static ModelSpec Load(string path) => Parse(InputFiles.ReadAllText(path, "model spec"), path);

    /// <summary>Parses spec JSON; <paramref name="source"/> names it in error messages.</summary>
    public static ModelSpec Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InputException(source, (ex.LineNumber ?? -1) + 1, $"invalid JSON: {ex.Message}");
        }

        using (doc)
        {
            return FromElement(doc.RootElement, source);
        }
    }

    /// <summary>Builds a spec from an already parsed JSON object (e.g. inside model.json).</summary>
    public static ModelSpec FromElement(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(source, 0, "a model spec must be a JSON object with \"input\", \"layers\" and \"loss\"");
        }

        foreach (var p in root.EnumerateObject())
        {
            if (!TopLevel.Contains(p.Name))
            {
                throw new InputException(source, p.Name, $"unknown field (expected one of {string.Join(", ", TopLevel)})");
            }
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(source, "input", "missing or not an object; expected {\"length\": L, \"alphabet\": \"ACGT\"}");
        }

        foreach (var p in input.EnumerateObject())
        {
            if (p.Name is not ("length" or "alphabet"))
            {
                throw new InputException(source, $"input.{p.Name}", "unknown field (expected length, alphabet)");
            }
        }

        int length = RequiredInt(source, "input", input, "length", 1);
        string alphabet = input.TryGetProperty("alphabet", out var a) ? ReadString(source, "input", "alphabet", a) : "ACGT";
        if (alphabet.Length < 1 || alphabet.Distinct().Count() != alphabet.Length)
        {
            throw new InputException(source, "input.alphabet", $"must be distinct letters; got '{alphabet}'");
        }

        if (!root.TryGetProperty("layers", out var layersElement))
        {
            throw new InputException(source, "layers", "missing; expected a list of layers");
        }

        var layers = ParseLayers(source, "layers", layersElement);
        var loss = LossKind.Bce;
        if (root.TryGetProperty("loss", out var lossElement))
        {
            var name = ReadString(source, "loss", null, lossElement);
            if (!Losses.TryGetValue(name, out loss))
            {
                throw new InputException(source, "loss", $"unknown loss '{name}' (expected one of {string.Join(", ", Losses.Keys)})");
            }
        }

        List<string>? outputs = null;
        if (root.TryGetProperty("outputs", out var outputsElement))
        {
            if (outputsElement.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(source, "outputs", "must be a list of output names");
            }

            outputs = outputsElement.EnumerateArray().Select((e, i) => ReadString(source, $"outputs[{i}]", null, e)).ToList();
        }

        var spec = new ModelSpec { InputLength = length, Alphabet = alphabet, Layers = layers, Loss = loss, OutputNames = outputs, Source = source };
        ShapeInference.Infer(spec);
        return spec;
    }

    private static List<LayerSpec> ParseLayers(string source, string path, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(source, path, "must be a list of layers");
        }

        var layers = new List<LayerSpec>();
        int i = 0;
        foreach (var e in element.EnumerateArray())
        {
            layers.Add(ParseLayer(source, $"{path}[{i}]", e));
            i++;
        }

        return layers;
    }

    private static LayerSpec ParseLayer(string source, string where, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(source, where, "a layer must be a JSON object with a \"type\"");
        }

        if (!e.TryGetProperty("type", out var typeElement))
        {
            throw new InputException(source, where, "missing \"type\"");
        }

        var typeName = ReadString(source, where, "type", typeElement);
        var type = LayerCatalog.FindJson(typeName)
            ?? throw new InputException(source, where, $"unknown layer type '{typeName}' (expected one of {string.Join(", ", TypeNames)})");
        var allowed = type.Fields;
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name != "type" && !allowed.Contains(p.Name))
            {
                var expected = allowed.Count == 0 ? "it takes no fields" : $"expected {string.Join(", ", allowed)}";
                throw new InputException(source, where, $"unknown field '{p.Name}' for a {typeName} layer ({expected})");
            }
        }

        return type.Parse(new LayerJsonReader(source, where, typeName, e, (path, inner) => ParseLayers(source, path, inner)));
    }

    /// <summary>Looks up an activation name; "identity" is accepted as a synonym of "linear".</summary>
    internal static bool TryActivation(string name, out ActivationKind activation)
    {
        if (name == "identity")
        {
            activation = ActivationKind.Linear;
            return true;
        }

        return Activations.TryGetValue(name, out activation);
    }

    private static string ReadString(string source, string where, string? field, JsonElement e) =>
        LayerJsonReader.ReadString(source, where, field, e);

    private static int RequiredInt(string source, string where, JsonElement obj, string field, int min) =>
        LayerJsonReader.RequiredInt(source, where, obj, field, min);

    internal static string ActivationName(ActivationKind a) => Activations.First(kv => kv.Value == a).Key;

    internal static string LossName(LossKind loss) => Losses.First(kv => kv.Value == loss).Key;

    /// <summary>The spec as a JSON object with every field of every layer spelled out (round-trips through <see cref="Parse"/>).</summary>
    public static JsonObject ToJson(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var o = new JsonObject
        {
            ["input"] = new JsonObject { ["length"] = spec.InputLength, ["alphabet"] = spec.Alphabet },
            ["layers"] = LayersToJson(spec.Layers),
            ["loss"] = LossName(spec.Loss),
        };
        if (spec.OutputNames is { } names)
        {
            o["outputs"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
        }

        return o;
    }

    /// <summary>The spec as indented JSON text.</summary>
    public static string ToJsonString(ModelSpec spec) =>
        ToJson(spec).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    internal static JsonArray LayersToJson(IReadOnlyList<LayerSpec> layers) =>
        new(layers.Select(l => (JsonNode?)LayerToJson(l)).ToArray());

    private static JsonObject LayerToJson(LayerSpec l)
    {
        var o = new JsonObject { ["type"] = l.TypeName };
        l.Type.Write(l, o);
        return o;
    }
}
