using System.Numerics;

namespace Motiflens.Engine;

/// <summary>Softmax, log-softmax and sampling from categorical distributions (numerically stable, double accumulation).</summary>
public static class Categorical
{
    /// <summary>probabilities = softmax(logits); both of length K.</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        CheckLengths(logits, probabilities);
        float max = Max(logits);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            sum += Math.Exp(logits[i] - max);
        }

        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] = (float)(Math.Exp(logits[i] - max) / sum);
        }
    }

    /// <summary>result = log softmax(logits).</summary>
    public static void LogSoftmax(ReadOnlySpan<float> logits, Span<float> result)
    {
        CheckLengths(logits, result);
        double lse = LogSumExp(logits);
        for (int i = 0; i < logits.Length; i++)
        {
            result[i] = (float)(logits[i] - lse);
        }
    }

    /// <summary>
    /// log Σ exp(x_i), stable for large inputs: max + log Σ exp(x_i − max). Each difference is taken in
    /// <typeparamref name="T"/> and the sum is accumulated in double, in index order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static double LogSumExp<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T max = Max(x);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(double.CreateTruncating(x[i] - max));
        }

        return double.CreateTruncating(max) + Math.Log(sum);
    }

    /// <summary>Draws an index with probability proportional to <paramref name="weights"/> (non-negative, not all zero).</summary>
    public static int Sample(ReadOnlySpan<float> weights, Random random)
    {
        double total = 0;
        foreach (float w in weights)
        {
            if (!(w >= 0) || float.IsInfinity(w))
            {
                throw new ArgumentException("weights must be finite and non-negative", nameof(weights));
            }

            total += w;
        }

        if (!(total > 0))
        {
            throw new ArgumentException("weights must not all be zero", nameof(weights));
        }

        double u = random.NextDouble() * total;
        double acc = 0;
        int last = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            last = i;
            acc += weights[i];
            if (u < acc)
            {
                return i;
            }
        }

        return last;
    }

    /// <summary>Draws an index from softmax(<paramref name="logits"/>).</summary>
    public static int SampleFromLogits(ReadOnlySpan<float> logits, Random random)
    {
        Span<float> p = logits.Length <= 1024 ? stackalloc float[logits.Length] : new float[logits.Length];
        Softmax(logits, p);
        return Sample(p, random);
    }

    private static T Max<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
        {
            throw new ArgumentException("need at least one logit");
        }

        T m = T.NegativeInfinity;
        foreach (T v in x)
        {
            m = T.Max(m, v);
        }

        return m;
    }

    private static void CheckLengths(ReadOnlySpan<float> a, Span<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"lengths differ: {a.Length} vs {b.Length}");
        }
    }
}
