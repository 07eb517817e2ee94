using Motiflens.Engine.Spec.Catalog;

namespace Motiflens.Engine.Spec;

/// <summary>
/// The registry of every <see cref="LayerType"/>, in the order they are listed in messages. A new layer type is
/// one descriptor class (Spec/Catalog) registered here, plus its engine layer and tests.
/// </summary>
public static class LayerCatalog
{
    /// <summary>Every layer type.</summary>
    public static IReadOnlyList<LayerType> All { get; } =
    [
        LayerType.Conv1d, LayerType.DenovoConv1d, LayerType.MaxPool1d, LayerType.AvgPool1d, LayerType.GlobalMaxPool1d,
        LayerType.GlobalAvgPool1d, LayerType.Flatten, LayerType.Dense, LayerType.BatchNorm, LayerType.Dropout,
        LayerType.Sfc, LayerType.SparseK, LayerType.Residual, LayerType.Activation,
        new GeluLayerType(),
    ];

    /// <summary>The listed JSON type names, for error messages and docs.</summary>
    public static IReadOnlyList<string> JsonNames { get; } = [.. All.SelectMany(t => t.JsonNames)];

    /// <summary>The layer type that reads JSON type <paramref name="name"/> (exact spelling), or null.</summary>
    public static LayerType? FindJson(string name) =>
        All.FirstOrDefault(t => t.JsonNames.Contains(name, StringComparer.Ordinal) || t.JsonSynonyms.Contains(name, StringComparer.Ordinal));

    /// <summary>The searchable layer types' model-space names, for error messages.</summary>
    public static IReadOnlyList<string> SpaceNames { get; } = [.. All.Where(t => t.IsSearchable).Select(t => t.SpaceName)];

    /// <summary>
    /// The searchable layer type a model-space name refers to (case, '_' and '-' ignored; BioNAS/Keras spellings
    /// accepted), or null.
    /// </summary>
    public static LayerType? FindSpace(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = Normalize(name);
        return All.FirstOrDefault(t => t.IsSearchable && (t.SpaceName == n || Normalize(t.Name) == n || t.SpaceAliases.Contains(n, StringComparer.Ordinal)));
    }

    /// <summary>Lower case without '_' and '-', as model-space names are compared.</summary>
    public static string Normalize(string name) =>
        name.ToLowerInvariant().Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
}
