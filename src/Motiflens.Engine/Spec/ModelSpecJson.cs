using System.Globalization;
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
    private static readonly Dictionary<string, LayerType> Types = new(StringComparer.Ordinal)
    {
        ["conv1d"] = LayerType.Conv1d,
        ["denovo_conv1d"] = LayerType.DenovoConv1d,
        ["maxpool1d"] = LayerType.MaxPool1d,
        ["avgpool1d"] = LayerType.AvgPool1d,
        ["global_maxpool1d"] = LayerType.GlobalMaxPool1d,
        ["global_avgpool1d"] = LayerType.GlobalAvgPool1d,
        ["flatten"] = LayerType.Flatten,
        ["dense"] = LayerType.Dense,
        ["batchnorm"] = LayerType.BatchNorm,
        ["dropout"] = LayerType.Dropout,
        ["sfc"] = LayerType.Sfc,
        ["sparsek"] = LayerType.SparseK,
        ["residual"] = LayerType.Residual,
    };

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

    private static readonly Dictionary<LayerType, string[]> Fields = new()
    {
        [LayerType.Conv1d] = ["filters", "kernel_size", "stride", "dilation", "padding", "activation", "use_bias"],
        [LayerType.DenovoConv1d] = ["filters", "kernel_size", "stride", "dilation", "padding"],
        [LayerType.MaxPool1d] = ["pool_size", "stride"],
        [LayerType.AvgPool1d] = ["pool_size", "stride"],
        [LayerType.GlobalMaxPool1d] = [],
        [LayerType.GlobalAvgPool1d] = [],
        [LayerType.Flatten] = [],
        [LayerType.Dense] = ["units", "activation", "use_bias"],
        [LayerType.BatchNorm] = ["eps", "momentum"],
        [LayerType.Dropout] = ["rate"],
        [LayerType.Sfc] = ["units", "mirrored", "activation"],
        [LayerType.SparseK] = ["fraction"],
        [LayerType.Residual] = ["layers"],
        [LayerType.Activation] = [],
    };

    /// <summary>Top-level keys besides input/layers/loss that a spec may carry (model.json adds the training settings).</summary>
    private static readonly string[] TopLevel = ["input", "layers", "loss", "outputs", "name", "format", "training"];

    /// <summary>The accepted <c>"type"</c> names, for error messages and docs.</summary>
    public static IReadOnlyList<string> TypeNames => [.. Types.Keys, .. Activations.Keys.Where(a => a != "softmax"), "softmax"];

    /// <summary>Reads a spec file; every problem is an <see cref="InputException"/> naming <paramref name="path"/>.</summary>
    public static ModelSpec Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, 0, $"cannot read model spec: {ex.Message}");
        }

        return Parse(text, path);
    }

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
        LayerType type;
        var activation = ActivationKind.Linear;
        if (Types.TryGetValue(typeName, out var t))
        {
            type = t;
        }
        else if (TryActivation(typeName, out var act))
        {
            type = LayerType.Activation;
            activation = act;
        }
        else
        {
            throw new InputException(source, where, $"unknown layer type '{typeName}' (expected one of {string.Join(", ", TypeNames)})");
        }

        var allowed = Fields[type];
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name != "type" && !allowed.Contains(p.Name))
            {
                var expected = allowed.Length == 0 ? "it takes no fields" : $"expected {string.Join(", ", allowed)}";
                throw new InputException(source, where, $"unknown field '{p.Name}' for a {typeName} layer ({expected})");
            }
        }

        if (type != LayerType.Activation && e.TryGetProperty("activation", out var actElement))
        {
            var name = ReadString(source, where, "activation", actElement);
            if (!TryActivation(name, out activation))
            {
                throw new InputException(source, where, $"activation: unknown activation '{name}' (expected one of {string.Join(", ", Activations.Keys)})");
            }
        }
        else if (type == LayerType.DenovoConv1d)
        {
            activation = ActivationKind.Sigmoid;
        }

        var layer = new LayerSpec { Type = type, Activation = activation };
        switch (type)
        {
            case LayerType.Conv1d:
            case LayerType.DenovoConv1d:
                layer = layer with
                {
                    Filters = RequiredInt(source, where, e, "filters", 1),
                    KernelSize = RequiredInt(source, where, e, "kernel_size", 1),
                    Stride = OptionalInt(source, where, e, "stride", 1, 1),
                    Dilation = OptionalInt(source, where, e, "dilation", 1, 1),
                    Padding = ParsePadding(source, where, e),
                    UseBias = OptionalBool(source, where, e, "use_bias", true),
                };
                break;
            case LayerType.MaxPool1d:
            case LayerType.AvgPool1d:
            {
                int pool = RequiredInt(source, where, e, "pool_size", 1);
                layer = layer with { PoolSize = pool, Stride = OptionalInt(source, where, e, "stride", pool, 1) };
                break;
            }

            case LayerType.Dense:
                layer = layer with
                {
                    Units = RequiredInt(source, where, e, "units", 1),
                    UseBias = OptionalBool(source, where, e, "use_bias", true),
                };
                break;
            case LayerType.Sfc:
                layer = layer with
                {
                    Units = RequiredInt(source, where, e, "units", 1),
                    Mirrored = OptionalBool(source, where, e, "mirrored", false),
                };
                break;
            case LayerType.BatchNorm:
                layer = layer with
                {
                    Eps = OptionalDouble(source, where, e, "eps", 1e-5, v => v > 0, "a positive number"),
                    Momentum = OptionalDouble(source, where, e, "momentum", 0.1, v => v is >= 0 and <= 1, "in [0, 1]"),
                };
                break;
            case LayerType.Dropout:
                if (!e.TryGetProperty("rate", out _))
                {
                    throw new InputException(source, where, "rate: missing (dropout needs a rate in [0, 1))");
                }

                layer = layer with { Rate = OptionalDouble(source, where, e, "rate", 0, v => v is >= 0 and < 1, "in [0, 1)") };
                break;
            case LayerType.SparseK:
                layer = layer with { Fraction = OptionalDouble(source, where, e, "fraction", 0.2, v => v is > 0 and <= 1, "in (0, 1]") };
                break;
            case LayerType.Residual:
                if (!e.TryGetProperty("layers", out var inner))
                {
                    throw new InputException(source, where, "layers: missing (a residual block needs a list of layers)");
                }

                layer = layer with { Layers = ParseLayers(source, where + ".layers", inner) };
                break;
        }

        return layer;
    }

    /// <summary>Looks up an activation name; "identity" is accepted as a synonym of "linear".</summary>
    private static bool TryActivation(string name, out ActivationKind activation)
    {
        if (name == "identity")
        {
            activation = ActivationKind.Linear;
            return true;
        }

        return Activations.TryGetValue(name, out activation);
    }

    private static PaddingMode ParsePadding(string source, string where, JsonElement e)
    {
        if (!e.TryGetProperty("padding", out var p))
        {
            return PaddingMode.Valid;
        }

        return ReadString(source, where, "padding", p) switch
        {
            "valid" => PaddingMode.Valid,
            "same" => PaddingMode.Same,
            var other => throw new InputException(source, where, $"padding: expected 'valid' or 'same', found '{other}'"),
        };
    }

    private static string ReadString(string source, string where, string? field, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            throw new InputException(source, where, $"{(field is null ? string.Empty : field + ": ")}expected a string, found {Describe(e)}");
        }

        return e.GetString()!;
    }

    private static int RequiredInt(string source, string where, JsonElement obj, string field, int min)
    {
        if (!obj.TryGetProperty(field, out _))
        {
            throw new InputException(source, where, $"{field}: missing (an integer ≥ {min} is required)");
        }

        return OptionalInt(source, where, obj, field, min, min);
    }

    private static int OptionalInt(string source, string where, JsonElement obj, string field, int fallback, int min)
    {
        if (!obj.TryGetProperty(field, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var value))
        {
            throw new InputException(source, where, $"{field}: expected an integer, found {Describe(v)}");
        }

        if (value < min)
        {
            throw new InputException(source, where, $"{field}: must be at least {min}; got {value}");
        }

        return value;
    }

    private static bool OptionalBool(string source, string where, JsonElement obj, string field, bool fallback)
    {
        if (!obj.TryGetProperty(field, out var v))
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InputException(source, where, $"{field}: expected true or false, found {Describe(v)}"),
        };
    }

    private static double OptionalDouble(string source, string where, JsonElement obj, string field, double fallback, Func<double, bool> valid, string range)
    {
        if (!obj.TryGetProperty(field, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            throw new InputException(source, where, $"{field}: expected a number, found {Describe(v)}");
        }

        var value = v.GetDouble();
        if (!valid(value))
        {
            throw new InputException(source, where, $"{field}: must be {range}; got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"'{v.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => v.GetRawText(),
    };

    internal static string TypeName(LayerType type) => Types.First(kv => kv.Value == type).Key;

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

    private static JsonArray LayersToJson(IReadOnlyList<LayerSpec> layers) =>
        new(layers.Select(l => (JsonNode?)LayerToJson(l)).ToArray());

    private static JsonObject LayerToJson(LayerSpec l)
    {
        var o = new JsonObject { ["type"] = l.TypeName };
        switch (l.Type)
        {
            case LayerType.Conv1d:
            case LayerType.DenovoConv1d:
                o["filters"] = l.Filters;
                o["kernel_size"] = l.KernelSize;
                o["stride"] = l.Stride;
                o["dilation"] = l.Dilation;
                o["padding"] = l.Padding == PaddingMode.Same ? "same" : "valid";
                if (l.Type == LayerType.Conv1d)
                {
                    o["activation"] = ActivationName(l.Activation);
                    o["use_bias"] = l.UseBias;
                }

                break;
            case LayerType.MaxPool1d:
            case LayerType.AvgPool1d:
                o["pool_size"] = l.PoolSize;
                o["stride"] = l.Stride;
                break;
            case LayerType.Dense:
                o["units"] = l.Units;
                o["activation"] = ActivationName(l.Activation);
                o["use_bias"] = l.UseBias;
                break;
            case LayerType.Sfc:
                o["units"] = l.Units;
                o["mirrored"] = l.Mirrored;
                o["activation"] = ActivationName(l.Activation);
                break;
            case LayerType.BatchNorm:
                o["eps"] = l.Eps;
                o["momentum"] = l.Momentum;
                break;
            case LayerType.Dropout:
                o["rate"] = l.Rate;
                break;
            case LayerType.SparseK:
                o["fraction"] = l.Fraction;
                break;
            case LayerType.Residual:
                o["layers"] = LayersToJson(l.Layers);
                break;
        }

        return o;
    }
}
