namespace Motiflens.Interpretation.Attribution;

/// <summary>Progress of an attribution run: <paramref name="Done"/> of <paramref name="Total"/> sequences.</summary>
public readonly record struct AttributionProgress(int Done, int Total);
