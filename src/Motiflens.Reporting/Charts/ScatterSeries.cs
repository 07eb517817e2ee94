namespace Motiflens.Reporting.Charts;

/// <summary>A named group of scatter points drawn in one colour (a legend entry when there are several groups).</summary>
public sealed record ScatterSeries(string Name, IReadOnlyList<ScatterPoint> Points, string? Color = null);
