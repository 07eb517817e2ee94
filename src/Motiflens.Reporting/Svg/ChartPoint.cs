namespace Motiflens.Reporting.Svg;

/// <summary>A point in SVG user units (y pointing down).</summary>
public readonly record struct ChartPoint(double X, double Y);
