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
public sealed partial class Model : IDisposable
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

    /// <summary>The execution context (mode and worker threads) of this model's calls.</summary>
    internal LayerContext Context => _context;

    /// <summary>Every parameter and buffer with its layer index and state-dict key, in registration order.</summary>
    public IReadOnlyList<NamedParameter> NamedParameters => _named;

    /// <summary>Trainable parameters (what optimisers update), in registration order.</summary>
    public IEnumerable<Parameter> TrainableParameters => _named.Select(p => p.Parameter).Where(p => p.Trainable);

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => TrainableParameters.Sum(p => (long)p.Size);

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
