using Motiflens.Engine.Kernels;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine;

/// <content>Input gradients (saliency) and their output seeds.</content>
public sealed partial class Model
{
    /// <summary>
    /// Saliency: d(Σ chosen outputs)/d(input), (N, InputShape...), in the current mode (set <see cref="Training"/> false
    /// for eval). <paramref name="output"/> selects one output column (flat index within a sample); null sums all outputs.
    /// No weight gradients are computed.
    /// </summary>
    public Tensor InputGradient(Tensor x, int? output = null)
    {
        CheckInput(x);
        if (UseMicroBatches(false, x.BatchSize))
        {
            return InputGradientMicroBatches(x, null, x.BatchSize, output);
        }

        var y = Forward(x, recordGradients: true);
        return Backward(SelectorGradient(y, output), inputGradient: true, weightGradients: false)!;
    }

    /// <summary>As <see cref="InputGradient(Tensor, int?)"/> on categorical input (see <see cref="Forward(byte[], int, bool)"/>); returns (N, L, C).</summary>
    public Tensor InputGradient(byte[] codes, int n, int? output = null)
    {
        if (UseMicroBatches(false, n) && _layers.Length > 0 && _layers[0] is Conv1d && codes.Length >= (long)n * InputShape[0])
        {
            return InputGradientMicroBatches(null, codes, n, output);
        }

        var y = Forward(codes, n, recordGradients: true);
        return Backward(SelectorGradient(y, output), inputGradient: true, weightGradients: false)!;
    }

    /// <summary>
    /// Input gradient with a caller-computed output gradient: <paramref name="outputGradient"/>(logits, gradient) fills
    /// dQ/dLogits (N', outputs) for the logits of each group of sequences (e.g. σ'(z) for the gradient of summed sigmoid
    /// outputs); returns dQ/dx (N, L, C). In eval mode it runs in cache-sized micro-batches (see <see cref="Forward(Tensor, bool)"/>),
    /// so the callback may see fewer rows than n. No weight gradients. Cache the delegate to avoid allocation.
    /// </summary>
    public Tensor InputGradient(Tensor x, Action<Tensor, Tensor> outputGradient)
    {
        CheckInput(x);
        if (UseMicroBatches(false, x.BatchSize))
        {
            return InputGradientMicroBatches(x, null, x.BatchSize, null, outputGradient);
        }

        var y = Forward(x, recordGradients: true);
        return Backward(Seed(y, null, outputGradient), inputGradient: true, weightGradients: false)!;
    }

    /// <summary>As <see cref="InputGradient(Tensor, Action{Tensor, Tensor})"/> on categorical input.</summary>
    public Tensor InputGradient(byte[] codes, int n, Action<Tensor, Tensor> outputGradient)
    {
        if (UseMicroBatches(false, n) && _layers.Length > 0 && _layers[0] is Conv1d && codes.Length >= (long)n * InputShape[0])
        {
            return InputGradientMicroBatches(null, codes, n, null, outputGradient);
        }

        var y = Forward(codes, n, recordGradients: true);
        return Backward(Seed(y, null, outputGradient), inputGradient: true, weightGradients: false)!;
    }

    /// <summary>d(Σ_n,o w[n,o]·y[n,o])/d(input) for a caller-chosen output weighting <paramref name="outputWeights"/> (shape of the output).</summary>
    public Tensor InputGradient(Tensor x, Tensor outputWeights)
    {
        Forward(x, recordGradients: true);
        return Backward(outputWeights, inputGradient: true, weightGradients: false)!;
    }

    // Eval-mode saliency is per sample too: forward and backward micro-batch by micro-batch.
    private Tensor InputGradientMicroBatches(Tensor? x, byte[]? codes, int n, int? output, Action<Tensor, Tensor>? seed = null)
    {
        _tape.Clear();
        int per = Tensor.Product(OutputShape);
        if (output is not null && (uint)output.Value >= (uint)per)
        {
            throw new ArgumentOutOfRangeException(nameof(output), output, $"output index must be in [0, {per})");
        }

        var result = Tensor.Ensure(ref _saliency, n, InputShape);
        RunReplicas(x, codes, n, result, saliency: true, output, seed);
        return result;
    }

    private Tensor Seed(Tensor y, int? output, Action<Tensor, Tensor>? seed)
    {
        if (seed is null)
        {
            return SelectorGradient(y, output);
        }

        var g = Tensor.Ensure(ref _selector, y.BatchSize, OutputShape);
        seed(y, g);
        return g;
    }

    private Tensor SelectorGradient(Tensor y, int? output)
    {
        var g = Tensor.Ensure(ref _selector, y.BatchSize, OutputShape);
        int per = y.SampleSize;
        if (output is null)
        {
            g.Span.Fill(1f);
        }
        else
        {
            if ((uint)output.Value >= (uint)per)
            {
                throw new ArgumentOutOfRangeException(nameof(output), output, $"output index must be in [0, {per})");
            }

            g.Clear();
            for (int s = 0; s < y.BatchSize; s++)
            {
                g.Data[s * per + output.Value] = 1f;
            }
        }

        return g;
    }
}
