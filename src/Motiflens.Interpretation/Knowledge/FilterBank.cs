using Motiflens.Engine;
using Motiflens.Engine.Layers;

namespace Motiflens.Interpretation.Knowledge;

/// <summary>
/// The filters of a model's first convolution layer as <see cref="Count"/> matrices W^j of shape
/// (<see cref="Width"/>, 4): row i of a filter holds its weights for A, C, G, T at position i.
/// </summary>
public sealed class FilterBank
{
    /// <summary>Creates a bank from weights (F, m, 4), row-major.</summary>
    public FilterBank(int count, int width, float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (count < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"a filter bank needs at least one filter of width >= 1; got {count} x {width}");
        }

        if (weights.Length != (long)count * width * 4)
        {
            throw new ArgumentException($"weights of {count} filters of width {width} need {(long)count * width * 4} values (F, m, 4); got {weights.Length}", nameof(weights));
        }

        Count = count;
        Width = width;
        Weights = weights;
    }

    /// <summary>F, the number of filters.</summary>
    public int Count { get; }

    /// <summary>m, the filter width (kernel size).</summary>
    public int Width { get; }

    /// <summary>(F, m, 4) weights, row-major.</summary>
    public float[] Weights { get; }

    /// <summary>The weights (m, 4) of filter <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Filter(int index) => Weights.AsSpan(index * Width * 4, Width * 4);

    /// <summary>
    /// A bank from a PyTorch-layout Conv1d weight (out, in = 4, kernel) — the layout of weights.npz — by
    /// transposing each filter to (kernel, 4).
    /// </summary>
    public static FilterBank FromConvWeight(ReadOnlySpan<float> weight, int outChannels, int inChannels, int kernel)
    {
        if (inChannels != 4)
        {
            throw new ArgumentException($"the first convolution must read 4 channels (A, C, G, T); this one reads {inChannels}", nameof(inChannels));
        }

        if (weight.Length != (long)outChannels * inChannels * kernel)
        {
            throw new ArgumentException($"a ({outChannels}, {inChannels}, {kernel}) weight needs {(long)outChannels * inChannels * kernel} values; got {weight.Length}", nameof(weight));
        }

        var w = new float[weight.Length];
        for (int f = 0; f < outChannels; f++)
        {
            for (int c = 0; c < 4; c++)
            {
                for (int i = 0; i < kernel; i++)
                {
                    w[(((f * kernel) + i) * 4) + c] = weight[(((f * 4) + c) * kernel) + i];
                }
            }
        }

        return new FilterBank(outChannels, kernel, w);
    }

    /// <summary>
    /// The filters of the model's first top-level convolution layer (read from its PyTorch-layout state
    /// <c>layers.{i}.weight</c>), or null when the model has none or it does not read 4 channels.
    /// </summary>
    public static FilterBank? FromModel(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (int i = 0; i < model.Layers.Count; i++)
        {
            if (model.Layers[i] is not Conv1d)
            {
                continue;
            }

            string key = $"layers.{i}.weight";
            var entry = model.StateDict().FirstOrDefault(e => e.Key == key);
            if (entry is null || entry.Shape.Length != 3 || entry.Shape[1] != 4)
            {
                return null;
            }

            return FromConvWeight(entry.Data, entry.Shape[0], entry.Shape[1], entry.Shape[2]);
        }

        return null;
    }
}
