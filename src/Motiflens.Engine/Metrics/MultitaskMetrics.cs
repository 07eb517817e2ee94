namespace Motiflens.Engine.Metrics;

/// <summary>Applies a single-task metric to each column of row-major (N, T) predictions and targets.</summary>
public static class MultitaskMetrics
{
    /// <summary>
    /// <paramref name="metric"/> of every task: column t of <paramref name="predictions"/> against column t of
    /// <paramref name="targets"/>, both (N, T) row-major. Returns T values (NaN where undefined).
    /// </summary>
    public static double[] PerTask(TaskMetric metric, ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int tasks)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (tasks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "need at least one task");
        }

        if (predictions.Length != targets.Length || predictions.Length % tasks != 0)
        {
            throw new ArgumentException(
                $"predictions ({predictions.Length}) and targets ({targets.Length}) must both be (N, {tasks})");
        }

        int n = predictions.Length / tasks;
        var p = new float[n];
        var y = new float[n];
        var result = new double[tasks];
        for (int t = 0; t < tasks; t++)
        {
            for (int i = 0; i < n; i++)
            {
                p[i] = predictions[(i * tasks) + t];
                y[i] = targets[(i * tasks) + t];
            }

            result[t] = metric(p, y);
        }

        return result;
    }

    /// <summary>Mean of the defined (non-NaN) values; NaN when none is defined.</summary>
    public static double MeanDefined(ReadOnlySpan<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
