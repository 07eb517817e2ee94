namespace Motiflens.Engine.Metrics;

/// <summary>A metric of one task: predictions and targets of the same length (N).</summary>
public delegate double TaskMetric(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets);
