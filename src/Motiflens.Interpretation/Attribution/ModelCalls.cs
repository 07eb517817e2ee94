using Motiflens.Engine;

namespace Motiflens.Interpretation.Attribution;

/// <summary>The two model calls attribution needs, on plain (B, L, 4) arrays, copying out of the model's buffers.</summary>
internal static class ModelCalls
{
    /// <summary>d output / d x for every sample of x (B, L, 4), added with <paramref name="scale"/> to <paramref name="accumulate"/>.</summary>
    public static void AddGradient(Model model, float[] x, int count, int length, int output, float scale, Span<float> accumulate)
    {
        var gradient = model.InputGradient(new Tensor(x, count, length, 4), output).Span;
        for (int i = 0; i < accumulate.Length; i++)
        {
            accumulate[i] += scale * gradient[i];
        }
    }

    /// <summary>Output <paramref name="output"/> of every sample of x (B, L, 4), without a tape.</summary>
    public static float[] Outputs(Model model, float[] x, int count, int length, int output)
    {
        var y = model.Forward(new Tensor(x, count, length, 4), recordGradients: false);
        int perSample = y.Size / count;
        var result = new float[count];
        var span = y.Span;
        for (int b = 0; b < count; b++)
        {
            result[b] = span[(b * perSample) + output];
        }

        return result;
    }
}
