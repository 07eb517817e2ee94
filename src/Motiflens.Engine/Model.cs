using Motiflens.Engine.Kernels;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine;

/// <summary>
/// A sequential model: a list of layers applied in order to (N, InputShape...) input, e.g. one-hot DNA
/// (N, L, 4) channels-last. The last layer's output is the logits (apply the output link outside, losses take logits).
/// </summary>
/// <remarks>
/// PyTorch equivalent: <c>torch.nn.Sequential</c>; state-dict keys are "layers.{i}.{name}" with i the index in the
/// layer list, in PyTorch names and shapes. Tensors returned by Forward/Backward/InputGradient are buffers owned by
/// the model and are overwritten by the next call (Clone them to keep). Not thread-safe: one call at a time;
/// parallelism happens inside (see <see cref="Threads"/>). Results are bit-identical for the same seed and thread count.
/// </remarks>
public sealed class Model : IDisposable
{
    private readonly Layer[] _layers;
    private readonly Tape _tape = new();
    private readonly NamedParameter[] _named;
    private LayerContext _context;
    private Tensor? _grad;
    private Tensor? _oneHot;
    private Tensor? _selector;
    private Tensor? _inferOut;
    private Tensor? _saliency;
    private ModelReplica[]? _replicas;
    private Action<int>? _replicaWork;
    private readonly ReplicaJob _job = new();
    private long _epoch;

    /// <summary>Builds the layers for per-sample input shape <paramref name="inputShape"/>, initialising weights from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A layer does not fit its input shape (message names the layer index).</exception>
    public Model(int[] inputShape, IEnumerable<Layer> layers, int seed = 0, int threads = 1)
    {
        _layers = layers.ToArray();
        InputShape = (int[])inputShape.Clone();
        var rng = new Random(seed);
        var shape = InputShape;
        for (int i = 0; i < _layers.Length; i++)
        {
            try
            {
                shape = _layers[i].Build(shape, rng);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"layer {i} ({_layers[i].GetType().Name}): {e.Message}", e);
            }
        }

        OutputShape = shape;
        Layer.FuseActivations(_layers);
        _named = EnumerateNamed().ToArray();
        _context = LayerContext.Create(threads);
    }

    /// <summary>Builds a sequence model for (N, <paramref name="length"/>, <paramref name="channels"/>) input.</summary>
    public Model(int length, int channels, IEnumerable<Layer> layers, int seed = 0, int threads = 1)
        : this([length, channels], layers, seed, threads)
    {
    }

    /// <summary>Per-sample input shape, e.g. (L, 4).</summary>
    public int[] InputShape { get; }

    /// <summary>Per-sample output shape, e.g. (T).</summary>
    public int[] OutputShape { get; }

    /// <summary>The layers (index = spec index).</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Training mode (batch statistics, dropout) when true; eval mode when false (the default).</summary>
    public bool Training
    {
        get => _context.Training;
        set => _context.Training = value;
    }

    /// <summary>Threads used inside each call (≥ 1). Changing it restarts the worker threads.</summary>
    public int Threads
    {
        get => _context.Threads;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "threads must be >= 1");
            }

            if (value != _context.Threads)
            {
                bool training = _context.Training;
                _context.Dispose();
                _context = LayerContext.Create(value, training);
            }
        }
    }

    /// <summary>Every parameter and buffer with its layer index and state-dict key, in registration order.</summary>
    public IReadOnlyList<NamedParameter> NamedParameters => _named;

    /// <summary>Trainable parameters (what optimisers update), in registration order.</summary>
    public IEnumerable<Parameter> TrainableParameters => _named.Select(p => p.Parameter).Where(p => p.Trainable);

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => TrainableParameters.Sum(p => (long)p.Size);

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

    // Pure inference (eval mode, no tape) is exact per sample, so it runs in micro-batches whose activations stay
    // in the L2 cache instead of streaming every layer's whole-batch output through memory.
    private int MicroBatch => 16 * _context.Threads;

    private bool UseMicroBatches(bool recordGradients, int n) => !recordGradients && !Training && n > MicroBatch;

    private Tensor ForwardMicroBatches(Tensor? x, byte[]? codes, int n)
    {
        _tape.Clear();
        var output = Tensor.Ensure(ref _inferOut, n, OutputShape);
        RunReplicas(x, codes, n, output, saliency: false, null, null);
        return output;
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

    // Each thread runs whole micro-batches through its own replica of the layers (shared parameters, private
    // buffers): one synchronisation per call instead of one per layer and micro-batch. Replica t takes micro-batches
    // t, t + T, ...; every sample's result is computed the same way whichever replica runs it.
    private void RunReplicas(Tensor? x, byte[]? codes, int n, Tensor destination, bool saliency, int? output, Action<Tensor, Tensor>? seed)
    {
        int threads = _context.Threads;
        if (_replicas is null || _replicas.Length != threads)
        {
            _replicas = new ModelReplica[threads];
            for (int t = 0; t < threads; t++)
            {
                _replicas[t] = new ModelReplica(t == 0 ? _layers : _layers.Select(l => l.CreateReplica()).ToArray(), InputShape, OutputShape);
            }

            _replicaWork = RunReplica;
        }

        // A fresh epoch per call (after any replica creation), so layouts cached in an earlier call are never reused.
        _epoch++;
        foreach (var r in _replicas)
        {
            r.BeginCall(_epoch);
        }

        var job = _job;
        job.X = x;
        job.Codes = codes;
        job.N = n;
        job.Destination = destination;
        job.Saliency = saliency;
        job.Output = output;
        job.Seed = seed;
        try
        {
            _context.Pool.Run(_replicaWork!, threads);
        }
        finally
        {
            job.X = null;
            job.Codes = null;
            job.Seed = null;
        }
    }

    private void RunReplica(int t)
    {
        var job = _job;
        int mb = 16;
        int chunks = (job.N + mb - 1) / mb;
        var replica = _replicas![t];
        for (int i = t; i < chunks; i += _replicas.Length)
        {
            int start = i * mb;
            int m = Math.Min(mb, job.N - start);
            replica.Run(job, start, m);
        }
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

    /// <summary>Sets all gradients to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _named)
        {
            p.Parameter.ZeroGrad();
        }
    }

    /// <summary>Applies every layer's constraint projection (e.g. the de novo convolution); call after each optimiser step.</summary>
    public void ApplyConstraints()
    {
        foreach (var layer in _layers)
        {
            layer.ApplyConstraints();
        }
    }

    /// <summary>All parameters and buffers as PyTorch-named, PyTorch-shaped copies ("layers.{i}.{name}").</summary>
    public IReadOnlyList<StateEntry> StateDict()
    {
        var list = new List<StateEntry>();
        for (int i = 0; i < _layers.Length; i++)
        {
            list.AddRange(_layers[i].GetState($"layers.{i}."));
        }

        return list;
    }

    /// <summary>Loads a state dict written by <see cref="StateDict"/> (or by PyTorch with the same names and shapes).</summary>
    /// <exception cref="KeyNotFoundException">A key is missing.</exception>
    /// <exception cref="ArgumentException">A shape does not match, or (when <paramref name="strict"/>) a key is unknown.</exception>
    public void LoadStateDict(IEnumerable<StateEntry> state, bool strict = true)
    {
        var map = new Dictionary<string, StateEntry>();
        foreach (var e in state)
        {
            map[e.Key] = e;
        }

        if (strict)
        {
            var known = StateDict().Select(e => e.Key).ToHashSet();
            foreach (var key in map.Keys)
            {
                if (!known.Contains(key))
                {
                    throw new ArgumentException($"unexpected state key '{key}'");
                }
            }
        }

        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].SetState($"layers.{i}.", map);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _context.Dispose();
        if (_replicas is not null)
        {
            foreach (var r in _replicas)
            {
                r.Dispose();
            }
        }
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

    private void CheckInput(Tensor x)
    {
        if (x.Rank != InputShape.Length + 1 || !x.Shape[1..].SequenceEqual(InputShape))
        {
            throw new ArgumentException($"input shape {x.ShapeText()} does not match the model input (N, {string.Join(", ", InputShape)})");
        }
    }

    private IEnumerable<NamedParameter> EnumerateNamed()
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            foreach (var (name, p) in _layers[i].NamedParameters())
            {
                yield return new NamedParameter(i, $"layers.{i}.{name}", p);
            }
        }
    }
}
