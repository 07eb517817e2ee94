namespace Motiflens.Cli.Results;

/// <summary>Numbers for --json results: JSON has no NaN or infinity, so undefined values are written as null.</summary>
internal static class JsonNumbers
{
    /// <summary><paramref name="v"/>, or null when it is NaN or infinite.</summary>
    public static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>Each of <paramref name="values"/> through <see cref="Finite(double)"/>.</summary>
    public static IReadOnlyList<double?> Finite(IReadOnlyList<double> values) => values.Select(Finite).ToArray();
}
