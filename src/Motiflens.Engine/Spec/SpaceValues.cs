using System.Globalization;

namespace Motiflens.Engine.Spec;

/// <summary>
/// The parameter values of one model-space operation, as strings (from model-space YAML or a BioNAS history),
/// read by <see cref="LayerType.FromSpace"/>. A bad or missing value throws <see cref="FormatException"/>.
/// </summary>
public sealed class SpaceValues
{
    private readonly IReadOnlyDictionary<string, string> _values;

    /// <summary>Wraps <paramref name="values"/> (canonical parameter name → value) of an operation of <paramref name="type"/>.</summary>
    public SpaceValues(LayerType type, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        Type = type;
        _values = values;
    }

    /// <summary>The operation's layer type.</summary>
    public LayerType Type { get; }

    /// <summary>Whether <paramref name="key"/> was given.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>A required integer ≥ 1.</summary>
    public int PositiveInt(string key)
    {
        if (!_values.TryGetValue(key, out var s))
        {
            throw new FormatException($"{Type.SpaceName} needs '{key}'");
        }

        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 1)
        {
            throw new FormatException($"expected a positive integer for '{key}', found '{s}'");
        }

        return v;
    }

    /// <summary>An optional number in [0, 1) (or (0, 1) without <paramref name="allowZero"/>).</summary>
    public double Fraction(string key, double fallback, bool allowZero)
    {
        if (!_values.TryGetValue(key, out var s))
        {
            return fallback;
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v >= 1 || v < 0 || (!allowZero && v == 0))
        {
            throw new FormatException($"expected a number in {(allowZero ? "[0, 1)" : "(0, 1)")} for '{key}', found '{s}'");
        }

        return v;
    }

    /// <summary>The optional <c>activation</c> parameter.</summary>
    public ActivationKind Activation(ActivationKind fallback)
    {
        if (!_values.TryGetValue("activation", out var s))
        {
            return fallback;
        }

        return ActivationOf(s) ?? throw new FormatException($"expected an activation (relu, exponential, sigmoid, softplus, tanh, linear), found '{s}'");
    }

    /// <summary>The optional <c>padding</c> parameter.</summary>
    public PaddingMode Padding()
    {
        if (!_values.TryGetValue("padding", out var s))
        {
            return PaddingMode.Valid;
        }

        return s.ToLowerInvariant() switch
        {
            "valid" => PaddingMode.Valid,
            "same" => PaddingMode.Same,
            _ => throw new FormatException($"expected padding 'valid' or 'same', found '{s}'"),
        };
    }

    /// <summary>Maps a model-space activation name ("relu", "exp", "none", ...; any case) to its kind, or null.</summary>
    public static ActivationKind? ActivationOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "relu" => ActivationKind.Relu,
            "exponential" or "exp" => ActivationKind.Exponential,
            "sigmoid" => ActivationKind.Sigmoid,
            "softplus" => ActivationKind.Softplus,
            "tanh" => ActivationKind.Tanh,
            "linear" or "identity" or "none" => ActivationKind.Linear,
            "softmax" => ActivationKind.Softmax,
            _ => null,
        };
    }

    /// <summary>The label spelling of an activation (lower-case enum name).</summary>
    public static string Label(ActivationKind activation) => activation.ToString().ToLowerInvariant();

    /// <summary>A number as labels print it (round-trip, invariant).</summary>
    public static string Label(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
