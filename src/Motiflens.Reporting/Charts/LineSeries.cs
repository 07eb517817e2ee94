namespace Motiflens.Reporting.Charts;

/// <summary>
/// A named line: x and y values of equal length (NaN y breaks the line), an optional band (lower and upper values
/// per x, e.g. an interquartile range), drawn with or without markers.
/// </summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>The band's lower edge per x, or null.</summary>
    public IReadOnlyList<double>? Lower { get; init; }

    /// <summary>The band's upper edge per x, or null.</summary>
    public IReadOnlyList<double>? Upper { get; init; }

    /// <summary>The colour, or null for the palette's.</summary>
    public string? Color { get; init; }

    /// <summary>Whether to draw the connecting line.</summary>
    public bool ShowLine { get; init; } = true;

    /// <summary>Whether to mark each point (with a hover title).</summary>
    public bool ShowPoints { get; init; }

    /// <summary>Hover labels per point (when markers are shown), or null.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
}
