namespace Motiflens.Search.Population;

/// <summary>The names of <see cref="RegularizationKind"/> in grid files, task files and population tables.</summary>
public static class RegularizationNames
{
    private static readonly (RegularizationKind Kind, string Name)[] Table =
    [
        (RegularizationKind.None, "none"),
        (RegularizationKind.InputMixup, "input_mixup"),
        (RegularizationKind.ManifoldMixup, "manifold_mixup"),
        (RegularizationKind.InputNoise, "input_noise"),
        (RegularizationKind.ManifoldNoise, "manifold_noise"),
        (RegularizationKind.Adversarial, "adversarial"),
        (RegularizationKind.SpectralNorm, "spectral_norm"),
    ];

    /// <summary>Every setting, in the order of the paper grid.</summary>
    public static IReadOnlyList<RegularizationKind> All { get; } = Table.Select(t => t.Kind).ToArray();

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The name of <paramref name="kind"/> (e.g. "input_mixup").</summary>
    public static string Name(RegularizationKind kind) => Table.First(t => t.Kind == kind).Name;

    /// <summary>The setting called <paramref name="name"/>, or null when there is none.</summary>
    public static RegularizationKind? TryParse(string name)
    {
        foreach (var (kind, n) in Table)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}
