using Motiflens.Engine;
using Motiflens.Interpretation.Metrics;

namespace Motiflens.Interpretation.Attribution;

/// <summary>
/// Runs an <see cref="IAttributionMethod"/> over many sequences in batches. The model's own worker threads
/// parallelise each batch (the model's buffers allow one call at a time); stochastic methods seed per
/// sequence, so the maps do not depend on batch size or thread count.
/// </summary>
public static class AttributionRunner
{
    /// <summary>
    /// Attributions (N, L, 4) of <paramref name="codes"/> (N, L) with <paramref name="method"/>. Puts the model in
    /// evaluation mode (restoring the previous mode afterwards).
    /// </summary>
    public static float[] Run(
        Model model,
        byte[] codes,
        int length,
        IAttributionMethod method,
        AttributionOptions? options = null,
        IProgress<AttributionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(method);
        options ??= AttributionOptions.Default;
        int n = PositionImportance.SequenceCount(codes.Length, length);
        Validate(model, length, options);

        var maps = new float[(long)n * length * 4];
        bool wasTraining = model.Training;
        model.Training = false;
        try
        {
            for (int start = 0; start < n; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(options.BatchSize, n - start);
                var batch = new AttributionBatch(codes.AsSpan(start * length, count * length).ToArray(), count, length, start);
                var destination = maps.AsSpan(start * length * 4, count * length * 4);
                method.Attribute(model, batch, options.Output, destination);
                if (options.Correct)
                {
                    GradientCorrection.Apply(destination);
                }

                progress?.Report(new AttributionProgress(start + count, n));
            }
        }
        finally
        {
            model.Training = wasTraining;
        }

        return maps;
    }

    private static void Validate(Model model, int length, AttributionOptions options)
    {
        if (model.InputShape.Length != 2 || model.InputShape[0] != length || model.InputShape[1] != 4)
        {
            throw new ArgumentException($"the model reads input ({string.Join(", ", model.InputShape)}) but the sequences are ({length}, 4)");
        }

        int outputs = model.OutputShape.Aggregate(1, (a, b) => a * b);
        if (options.Output < 0 || options.Output >= outputs)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Output, $"task must satisfy 0 <= task < {outputs} (the model's outputs)");
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "batch size must be >= 1");
        }
    }
}
