using Motiflens.Engine.Spec;

namespace Motiflens.Engine.Training;

/// <summary>Runs a model over a whole dataset in eval mode: predictions, loss and metrics.</summary>
public static class ModelEvaluator
{
    /// <summary>Logits (N, T) of every sample of <paramref name="data"/>, in order, computed in eval mode.</summary>
    public static float[] Logits(Model model, ISupervisedData data, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckData(model, data);
        int n = data.Count, l = data.Length, t = data.Tasks;
        batchSize = Math.Max(1, Math.Min(batchSize, Math.Max(1, n)));
        var logits = new float[(long)n * t];
        var codes = new byte[batchSize * l];
        var targets = new float[batchSize * t];
        var rows = new int[batchSize];
        bool training = model.Training;
        model.Training = false;
        try
        {
            for (int start = 0; start < n; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int b = Math.Min(batchSize, n - start);
                for (int i = 0; i < b; i++)
                {
                    rows[i] = start + i;
                }

                data.FillBatch(rows.AsSpan(0, b), codes.AsSpan(0, b * l), targets.AsSpan(0, b * t));
                var y = model.Forward(codes, b, recordGradients: false);
                y.Span.CopyTo(logits.AsSpan(start * t, b * t));
            }
        }
        finally
        {
            model.Training = training;
        }

        return logits;
    }

    /// <summary>Predictions (N, T): the logits passed through the spec's output link (e.g. sigmoid probabilities).</summary>
    public static float[] Predict(Model model, ModelSpec spec, ISupervisedData data, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var logits = Logits(model, data, batchSize, cancellationToken);
        var output = new float[logits.Length];
        OutputEvaluation.ApplyLink(spec.OutputLink, logits, output, data.Tasks);
        return output;
    }

    /// <summary>Loss and metrics of the model on <paramref name="data"/> (eval mode; see <see cref="EvaluationResult"/>).</summary>
    public static EvaluationResult Evaluate(Model model, ModelSpec spec, ISupervisedData data, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var logits = Logits(model, data, batchSize, cancellationToken);
        var targets = AllTargets(data);
        return OutputEvaluation.Evaluate(spec.Loss, spec.OutputLink, logits, targets, data.Tasks);
    }

    /// <summary>Every target of <paramref name="data"/> as (N, T).</summary>
    public static float[] AllTargets(ISupervisedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count, l = data.Length, t = data.Tasks;
        var targets = new float[(long)n * t];
        const int Chunk = 1024;
        var codes = new byte[Math.Min(Chunk, Math.Max(1, n)) * l];
        var rows = new int[Chunk];
        for (int start = 0; start < n; start += Chunk)
        {
            int b = Math.Min(Chunk, n - start);
            for (int i = 0; i < b; i++)
            {
                rows[i] = start + i;
            }

            data.FillBatch(rows.AsSpan(0, b), codes.AsSpan(0, b * l), targets.AsSpan(start * t, b * t));
        }

        return targets;
    }

    internal static void CheckData(Model model, ISupervisedData data)
    {
        int outputs = model.OutputShape.Aggregate(1, (a, b) => a * b);
        if (model.InputShape.Length != 2 || model.InputShape[0] != data.Length || model.InputShape[1] != data.Channels || outputs != data.Tasks)
        {
            throw new ArgumentException(
                $"data of (N, {data.Length}, {data.Channels}) with {data.Tasks} targets does not fit the model's input (N, {string.Join(", ", model.InputShape)}) and {outputs} outputs");
        }
    }
}
