using Motiflens.Engine.Kernels;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine;

/// <content>Forward and backward passes, the activation hook and block boundaries.</content>
public sealed partial class Model
{
    /// <summary>
    /// Forward on float input x (N, InputShape...). With <paramref name="recordGradients"/> the pass is taped so
    /// <see cref="Backward"/> can follow; without it nothing is kept for backward (inference).
    /// </summary>
    /// <returns>Logits (N, OutputShape...), owned by the model.</returns>
    public Tensor Forward(Tensor x, bool recordGradients = true)
    {
        CheckInput(x);
        if (UseMicroBatches(recordGradients, x.BatchSize))
        {
            return ForwardMicroBatches(x, null, x.BatchSize);
        }

        _tape.Clear();
        var h = x;
        for (int i = 0; i < _layers.Length; i++)
        {
            if (i > 0)
            {
                h = ApplyHook(i, h, recordGradients);
            }

            h = _layers[i].Forward(h, _context);
            if (recordGradients)
            {
                _tape.Record(_layers[i]);
            }
        }

        return h;
    }

    /// <summary>
    /// Forward on categorical input: <paramref name="codes"/> holds n·L bytes, row-major (N, L); code c &lt; C is
    /// one-hot channel c, any code ≥ C an all-zero row (e.g. N). Identical results to <see cref="Forward(Tensor, bool)"/>
    /// on the one-hot tensor; when the first layer is a Conv1d it runs as gathers of weight rows.
    /// </summary>
    public Tensor Forward(byte[] codes, int n, bool recordGradients = true)
    {
        if (InputShape.Length != 2)
        {
            throw new InvalidOperationException("categorical input needs a (length, channels) model input");
        }

        if (_layers.Length == 0 || _layers[0] is not Conv1d conv)
        {
            return Forward(OneHot(codes, n), recordGradients);
        }

        if (codes.Length < (long)n * InputShape[0])
        {
            throw new ArgumentException($"codes has {codes.Length} bytes; {n} sequences of length {InputShape[0]} need {(long)n * InputShape[0]}");
        }

        if (UseMicroBatches(recordGradients, n))
        {
            return ForwardMicroBatches(null, codes, n);
        }

        _tape.Clear();
        var h = conv.ForwardCodes(codes, n, _context);
        if (recordGradients)
        {
            _tape.Record(conv);
        }

        for (int i = 1; i < _layers.Length; i++)
        {
            h = ApplyHook(i, h, recordGradients);
            h = _layers[i].Forward(h, _context);
            if (recordGradients)
            {
                _tape.Record(_layers[i]);
            }
        }

        return h;
    }

    /// <summary>
    /// A transform of the activations between layers (training-time regularisers such as manifold mixup or hidden-layer
    /// noise), applied by every taped or training-mode forward while set; null (the default) = none. Eval-mode
    /// inference without gradient recording ignores it.
    /// </summary>
    public ActivationHook? Hook { get; set; }

    /// <summary>
    /// Block boundaries: the indices i ≥ 1 of the layers with trainable weights other than batch normalisation
    /// (convolution, dense, SFC, residual blocks). The activation entering such a layer is the output of a hidden
    /// block (after its activation, pooling and dropout); the last boundary is the input of the output layer.
    /// </summary>
    public IReadOnlyList<int> BlockBoundaries
    {
        get
        {
            var list = new List<int>();
            for (int i = 1; i < _layers.Length; i++)
            {
                if (_layers[i] is not BatchNorm && _layers[i].NamedParameters().Any(p => p.Parameter.Trainable))
                {
                    list.Add(i);
                }
            }

            return list;
        }
    }

    private Tensor ApplyHook(int layerIndex, Tensor h, bool recordGradients)
    {
        var hook = Hook;
        if (hook is null || (!recordGradients && !Training) || !hook.AppliesBefore(layerIndex))
        {
            return h;
        }

        var transformed = hook.Forward(layerIndex, h);
        if (recordGradients)
        {
            _tape.Record(hook, layerIndex);
        }

        return transformed;
    }

    /// <summary>
    /// Backward from dLoss/dLogits (same shape as the last Forward's output; not modified). Accumulates gradients
    /// into every trainable parameter's Grad when <paramref name="weightGradients"/> (call <see cref="ZeroGrad"/>
    /// between steps) and returns dLoss/dInput (N, InputShape...) when <paramref name="inputGradient"/>, else null.
    /// </summary>
    public Tensor? Backward(Tensor gradOutput, bool inputGradient = false, bool weightGradients = true)
    {
        var g = Tensor.Ensure(ref _grad, gradOutput.BatchSize, OutputShape);
        if (gradOutput.Size != g.Size)
        {
            throw new ArgumentException($"gradient shape {gradOutput.ShapeText()} does not match the output (N, {string.Join(", ", OutputShape)})");
        }

        gradOutput.Span.CopyTo(g.Span);
        _context.ComputeWeightGradients = weightGradients;
        try
        {
            return _tape.Backward(g, _context, inputGradient);
        }
        finally
        {
            _context.ComputeWeightGradients = true;
        }
    }

    private Tensor OneHot(byte[] codes, int n)
    {
        int l = InputShape[0], c = InputShape[1];
        if (codes.Length < (long)n * l)
        {
            throw new ArgumentException($"codes has {codes.Length} bytes; {n} sequences of length {l} need {(long)n * l}");
        }

        var x = Tensor.Ensure(ref _oneHot, n, InputShape);
        x.Clear();
        for (int i = 0; i < n * l; i++)
        {
            if (codes[i] < c)
            {
                x.Data[i * c + codes[i]] = 1f;
            }
        }

        return x;
    }
}
