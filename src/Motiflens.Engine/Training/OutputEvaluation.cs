using Motiflens.Engine.Metrics;
using Motiflens.Engine.Spec;

namespace Motiflens.Engine.Training;

/// <summary>
/// Loss and metrics from a model's logits (the values before its output link) and the targets, both
/// (N, T) row-major. Loss and metrics are accumulated in double in sample order, so they do not depend on
/// how the logits were computed. Targets that are NaN are masked (skipped).
/// </summary>
public static class OutputEvaluation
{
    /// <summary>Evaluates logits against targets for a model with <paramref name="loss"/> and output <paramref name="link"/>.</summary>
    public static EvaluationResult Evaluate(LossKind loss, ActivationKind link, ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, int tasks)
    {
        if (logits.Length != targets.Length || tasks < 1 || logits.Length % tasks != 0)
        {
            throw new ArgumentException($"logits ({logits.Length}) and targets ({targets.Length}) must both be (N, {tasks})");
        }

        int n = logits.Length / tasks;
        var predictions = new float[logits.Length];
        ApplyLink(link, logits, predictions, tasks);
        double lossValue = MeanLoss(loss, logits, predictions, targets, tasks);
        if (loss is LossKind.Bce or LossKind.CategoricalCrossentropy)
        {
            var auroc = MultitaskMetrics.PerTask(BinaryMetrics.Auroc, predictions, targets, tasks);
            var aupr = MultitaskMetrics.PerTask(BinaryMetrics.AveragePrecision, predictions, targets, tasks);
            var accuracy = MultitaskMetrics.PerTask((p, y) => BinaryMetrics.Accuracy(p, y), predictions, targets, tasks);
            double meanAccuracy = loss == LossKind.CategoricalCrossentropy
                ? ArgmaxAccuracy(predictions, targets, tasks)
                : MultitaskMetrics.MeanDefined(accuracy);
            return new EvaluationResult
            {
                Loss = lossValue,
                Count = n,
                IsClassification = true,
                Auroc = MultitaskMetrics.MeanDefined(auroc),
                Aupr = MultitaskMetrics.MeanDefined(aupr),
                Accuracy = meanAccuracy,
                AurocPerTask = auroc,
                AuprPerTask = aupr,
                AccuracyPerTask = accuracy,
            };
        }

        var pearson = MultitaskMetrics.PerTask(CorrelationMetrics.Pearson, predictions, targets, tasks);
        var spearman = MultitaskMetrics.PerTask(CorrelationMetrics.Spearman, predictions, targets, tasks);
        return new EvaluationResult
        {
            Loss = lossValue,
            Count = n,
            Pearson = MultitaskMetrics.MeanDefined(pearson),
            Spearman = MultitaskMetrics.MeanDefined(spearman),
            PearsonPerTask = pearson,
            SpearmanPerTask = spearman,
        };
    }

    /// <summary>Applies the output link to (N, T) logits (softmax over each row's T outputs).</summary>
    public static void ApplyLink(ActivationKind link, ReadOnlySpan<float> logits, Span<float> output, int tasks)
    {
        for (int i = 0; i < logits.Length; i++)
        {
            double z = logits[i];
            output[i] = link switch
            {
                ActivationKind.Sigmoid => (float)(1.0 / (1.0 + Math.Exp(-z))),
                ActivationKind.Relu => (float)Math.Max(z, 0),
                ActivationKind.Exponential => (float)Math.Exp(z),
                ActivationKind.Softplus => (float)Softplus(z),
                ActivationKind.Tanh => (float)Math.Tanh(z),
                _ => (float)z,
            };
        }

        if (link == ActivationKind.Softmax)
        {
            for (int row = 0; row < logits.Length / tasks; row++)
            {
                Categorical.Softmax(logits.Slice(row * tasks, tasks), output.Slice(row * tasks, tasks));
            }
        }
    }

    private static double MeanLoss(LossKind loss, ReadOnlySpan<float> logits, ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int tasks)
    {
        double sum = 0;
        long count = 0;
        if (loss == LossKind.CategoricalCrossentropy)
        {
            // Mean over samples of −Σ_t y_t · log softmax(z)_t (PyTorch CrossEntropyLoss with probability targets).
            for (int row = 0; row < logits.Length / tasks; row++)
            {
                var z = logits.Slice(row * tasks, tasks);
                var y = targets.Slice(row * tasks, tasks);
                double max = double.NegativeInfinity;
                foreach (var v in z)
                {
                    max = Math.Max(max, v);
                }

                double lse = 0;
                foreach (var v in z)
                {
                    lse += Math.Exp(v - max);
                }

                lse = max + Math.Log(lse);
                double l = 0;
                bool masked = false;
                for (int t = 0; t < tasks; t++)
                {
                    masked |= float.IsNaN(y[t]);
                    l -= y[t] * (z[t] - lse);
                }

                if (!masked)
                {
                    sum += l;
                    count++;
                }
            }

            return count == 0 ? double.NaN : sum / count;
        }

        for (int i = 0; i < logits.Length; i++)
        {
            double y = targets[i];
            if (double.IsNaN(y))
            {
                continue;
            }

            double z = logits[i];
            sum += loss switch
            {
                // log(1 + e^z) − y·z, written stably.
                LossKind.Bce => Math.Max(z, 0) - (z * y) + Math.Log(1 + Math.Exp(-Math.Abs(z))),
                LossKind.Mse => Square(predictions[i] - y),

                // PyTorch PoissonNLLLoss(log_input=True): the logit is the log-rate.
                LossKind.Poisson => Math.Exp(z) - (y * z),
                _ => throw new ArgumentOutOfRangeException(nameof(loss)),
            };
            count++;
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static double ArgmaxAccuracy(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int tasks)
    {
        int n = predictions.Length / tasks, correct = 0;
        for (int row = 0; row < n; row++)
        {
            var p = predictions.Slice(row * tasks, tasks);
            var y = targets.Slice(row * tasks, tasks);
            correct += ArgMax(p) == ArgMax(y) ? 1 : 0;
        }

        return n == 0 ? double.NaN : (double)correct / n;
    }

    private static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] > v[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static double Softplus(double z) => z > 20 ? z : Math.Log(1 + Math.Exp(z));

    private static double Square(double v) => v * v;
}
