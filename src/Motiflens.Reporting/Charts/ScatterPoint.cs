namespace Motiflens.Reporting.Charts;

/// <summary>One scatter point; <paramref name="Label"/> is shown when the pointer rests on it (e.g. the model's id).</summary>
public sealed record ScatterPoint(double X, double Y, string Label);
