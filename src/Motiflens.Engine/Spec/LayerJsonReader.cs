using System.Globalization;
using System.Text.Json;
using Motiflens.IO;

namespace Motiflens.Engine.Spec;

/// <summary>
/// Reads the fields of one layer object of a model spec for its <see cref="LayerType.Parse"/>. Every problem is an
/// <see cref="InputException"/> naming the source, the layer (<c>layers[3]</c>) and the field.
/// </summary>
public sealed class LayerJsonReader
{
    private readonly Func<string, JsonElement, IReadOnlyList<LayerSpec>> _parseLayers;

    internal LayerJsonReader(string source, string where, string typeName, JsonElement element, Func<string, JsonElement, IReadOnlyList<LayerSpec>> parseLayers)
    {
        Source = source;
        Where = where;
        TypeName = typeName;
        Element = element;
        _parseLayers = parseLayers;
    }

    /// <summary>The file or label the spec came from.</summary>
    public string Source { get; }

    /// <summary>The layer's path, e.g. <c>layers[2]</c>.</summary>
    public string Where { get; }

    /// <summary>The <c>"type"</c> string as written.</summary>
    public string TypeName { get; }

    /// <summary>The layer's JSON object.</summary>
    public JsonElement Element { get; }

    /// <summary>Whether the layer object has <paramref name="field"/>.</summary>
    public bool Has(string field) => Element.TryGetProperty(field, out _);

    /// <summary>An error about this layer.</summary>
    public InputException Error(string problem) => new(Source, Where, problem);

    /// <summary>A required integer ≥ <paramref name="min"/>.</summary>
    public int RequiredInt(string field, int min) => RequiredInt(Source, Where, Element, field, min);

    /// <summary>An optional integer ≥ <paramref name="min"/>.</summary>
    public int OptionalInt(string field, int fallback, int min) => OptionalInt(Source, Where, Element, field, fallback, min);

    /// <summary>An optional true/false.</summary>
    public bool OptionalBool(string field, bool fallback)
    {
        if (!Element.TryGetProperty(field, out var v))
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{field}: expected true or false, found {Describe(v)}"),
        };
    }

    /// <summary>An optional number accepted by <paramref name="valid"/> (<paramref name="range"/> describes it).</summary>
    public double OptionalDouble(string field, double fallback, Func<double, bool> valid, string range)
    {
        if (!Element.TryGetProperty(field, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            throw Error($"{field}: expected a number, found {Describe(v)}");
        }

        var value = v.GetDouble();
        if (!valid(value))
        {
            throw Error($"{field}: must be {range}; got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    /// <summary>The optional <c>"padding"</c> field ('valid' or 'same').</summary>
    public PaddingMode Padding()
    {
        if (!Element.TryGetProperty("padding", out var p))
        {
            return PaddingMode.Valid;
        }

        return ReadString(Source, Where, "padding", p) switch
        {
            "valid" => PaddingMode.Valid,
            "same" => PaddingMode.Same,
            var other => throw Error($"padding: expected 'valid' or 'same', found '{other}'"),
        };
    }

    /// <summary>The optional <c>"activation"</c> field.</summary>
    public ActivationKind Activation(ActivationKind fallback)
    {
        if (!Element.TryGetProperty("activation", out var a))
        {
            return fallback;
        }

        var name = ReadString(Source, Where, "activation", a);
        return ModelSpecJson.TryActivation(name, out var activation)
            ? activation
            : throw Error($"activation: unknown activation '{name}' (expected one of {string.Join(", ", ModelSpecJson.ActivationNames)})");
    }

    /// <summary>A list of nested layers (e.g. a residual block's), parsed with the whole catalogue.</summary>
    public IReadOnlyList<LayerSpec> Layers(string field) =>
        Element.TryGetProperty(field, out var inner)
            ? _parseLayers(Where + "." + field, inner)
            : throw Error($"{field}: missing");

    internal static string ReadString(string source, string where, string? field, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            throw new InputException(source, where, $"{(field is null ? string.Empty : field + ": ")}expected a string, found {Describe(e)}");
        }

        return e.GetString()!;
    }

    internal static int RequiredInt(string source, string where, JsonElement obj, string field, int min)
    {
        if (!obj.TryGetProperty(field, out _))
        {
            throw new InputException(source, where, $"{field}: missing (an integer ≥ {min} is required)");
        }

        return OptionalInt(source, where, obj, field, min, min);
    }

    internal static int OptionalInt(string source, string where, JsonElement obj, string field, int fallback, int min)
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

    internal static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"'{v.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => v.GetRawText(),
    };
}
