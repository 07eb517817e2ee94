namespace Motiflens.Engine.Layers;

/// <summary>
/// A coarse differentiable op: a forward kernel and a backward kernel over a whole batch. Layers own their output
/// and input-gradient buffers (reused across calls), keep what their backward needs from the last forward,
/// and accumulate weight gradients into their <see cref="Parameters"/>.
/// </summary>
/// <remarks>
/// Shapes exclude the batch axis: (L, C) for sequences (channels-last) or (F) for dense features.
/// Tensors returned by <see cref="Forward"/>/<see cref="Backward"/> are owned by the layer and valid until its next call.
/// </remarks>
public abstract class Layer
{
    /// <summary>Floats in a 64-byte cache line: the padding after each per-chunk buffer.</summary>
    private protected const int CacheLineFloats = 16;

    private static readonly Parameter[] NoParameters = [];

    /// <summary>Per-sample input shape, set by <see cref="Build"/>.</summary>
    public int[] InputShape { get; private set; } = [];

    /// <summary>Per-sample output shape, set by <see cref="Build"/>.</summary>
    public int[] OutputShape { get; private set; } = [];

    /// <summary>True once <see cref="Build"/> ran.</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>Parameters and buffers in PyTorch registration order.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => NoParameters;

    /// <summary>Fixes the input shape, creates parameters and initialises them from <paramref name="rng"/>.</summary>
    /// <returns>The per-sample output shape.</returns>
    public int[] Build(int[] inputShape, Random rng)
    {
        InputShape = (int[])inputShape.Clone();
        OutputShape = BuildCore(InputShape, rng);
        IsBuilt = true;
        return OutputShape;
    }

    /// <summary>Validates the input shape, creates and initialises parameters; returns the output shape.</summary>
    protected abstract int[] BuildCore(int[] inputShape, Random rng);

    /// <summary>Forward over a batch x (N, InputShape...) → (N, OutputShape...).</summary>
    public abstract Tensor Forward(Tensor x, LayerContext context);

    /// <summary>
    /// Backward from dLoss/dOutput (may be overwritten in place). Accumulates weight gradients when
    /// <see cref="LayerContext.ComputeWeightGradients"/> and returns dLoss/dInput when requested, otherwise null.
    /// Must follow a <see cref="Forward"/> on the same batch.
    /// </summary>
    public abstract Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient);

    /// <summary>
    /// Asks the layer to apply <paramref name="activation"/> to its own output (saving a pass over memory) when a
    /// standalone activation follows it. Returns false when the layer cannot (it already has an activation).
    /// </summary>
    internal virtual bool TryFuseActivation(Activation activation) => false;

    /// <summary>
    /// Fuses <paramref name="next"/> into a layer whose own activation is <paramref name="current"/>: only a layer
    /// without an activation of its own can take one.
    /// </summary>
    private protected static bool FuseInto(ref Activation current, Activation next)
    {
        if (current != Activation.Identity)
        {
            return false;
        }

        current = next;
        return true;
    }

    /// <summary>Fuses each standalone activation into the layer before it where possible (layer indices are unchanged).</summary>
    internal static void FuseActivations(IReadOnlyList<Layer> layers)
    {
        for (int i = 1; i < layers.Count; i++)
        {
            if (layers[i] is ActivationLayer { IsFused: false } act && layers[i - 1].TryFuseActivation(act.Activation))
            {
                act.IsFused = true;
            }
        }
    }

    /// <summary>
    /// A copy of this built layer that shares its parameters (and configuration) but owns fresh buffers, so several
    /// threads can run eval-mode forward/backward passes concurrently (one replica each). Buffers are found by type:
    /// tensors and jagged scratch are dropped, other arrays re-created at the same length, delegates bound to
    /// this layer re-bound to the copy, nested layer arrays replicated.
    /// </summary>
    internal Layer CreateReplica()
    {
        var replica = (Layer)MemberwiseClone();
        const System.Reflection.BindingFlags Flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public
            | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly;
        for (var t = GetType(); t != typeof(Layer) && t is not null; t = t.BaseType)
        {
            foreach (var f in t.GetFields(Flags))
            {
                var type = f.FieldType;
                object? value = f.GetValue(this);
                if (type == typeof(Tensor))
                {
                    f.SetValue(replica, null);
                }
                else if (value is Delegate d && ReferenceEquals(d.Target, this))
                {
                    f.SetValue(replica, Delegate.CreateDelegate(type, replica, d.Method));
                }
                else if (value is Layer[] inner)
                {
                    f.SetValue(replica, inner.Select(l => l.CreateReplica()).ToArray());
                }
                else if (value is Array array && type.GetElementType() is { } element && element != typeof(Parameter))
                {
                    // Float buffers pinned, as the originals are, so aligned offsets into them stay valid.
                    f.SetValue(replica, element.IsArray ? null
                        : element == typeof(float) ? GC.AllocateArray<float>(array.Length, pinned: true) : Array.CreateInstance(element, array.Length));
                }
            }
        }

        return replica;
    }

    /// <summary>Projection applied after each optimiser step (constrained layers); no-op by default.</summary>
    public virtual void ApplyConstraints()
    {
    }

    /// <summary>
    /// All parameters with their relative state-dict names (nested layers prefix their own, e.g. "layers.0.weight").
    /// </summary>
    public virtual IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        foreach (var p in Parameters)
        {
            yield return (p.Name, p);
        }
    }

    /// <summary>State tensors in PyTorch names and shapes, keys prefixed by <paramref name="prefix"/> (e.g. "layers.0.").</summary>
    public virtual IEnumerable<StateEntry> GetState(string prefix)
    {
        foreach (var (name, p) in NamedParameters())
        {
            yield return new StateEntry(prefix + name, p.Value.ShapeArray(), p.Value.Span.ToArray());
        }
    }

    /// <summary>Loads state written by <see cref="GetState"/> (PyTorch names and shapes).</summary>
    /// <exception cref="KeyNotFoundException">A key is missing.</exception>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    public virtual void SetState(string prefix, IReadOnlyDictionary<string, StateEntry> state)
    {
        foreach (var (name, p) in NamedParameters())
        {
            var e = Lookup(state, prefix + name, p.Value.ShapeArray());
            e.Data.AsSpan(0, p.Size).CopyTo(p.Value.Span);
        }
    }

    /// <summary>A short description such as "Conv1d(4→10, k=20)".</summary>
    public override string ToString() => GetType().Name;

    /// <summary>Creates the parameter and fills it with U(−bound, bound) (PyTorch's default Linear/Conv init).</summary>
    protected static Parameter UniformParameter(string name, int[] shape, float bound, Random rng)
    {
        var p = new Parameter(name, shape);
        var d = p.Value.Span;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
        }

        return p;
    }

    /// <summary>Finds a key and checks its shape.</summary>
    protected static StateEntry Lookup(IReadOnlyDictionary<string, StateEntry> state, string key, int[] shape)
    {
        if (!state.TryGetValue(key, out var e))
        {
            throw new KeyNotFoundException($"missing state key '{key}'");
        }

        if (!e.Shape.AsSpan().SequenceEqual(shape) || e.Data.Length < Tensor.Product(shape))
        {
            throw new ArgumentException($"state key '{key}' has shape ({string.Join(", ", e.Shape)}), expected ({string.Join(", ", shape)})");
        }

        return e;
    }

    /// <summary>Throws unless x is (N, InputShape...).</summary>
    protected void CheckInput(Tensor x)
    {
        if (!IsBuilt)
        {
            throw new InvalidOperationException($"{this} is not built");
        }

        if (x.Rank != InputShape.Length + 1 || !x.Shape[1..].SequenceEqual(InputShape))
        {
            throw new ArgumentException($"{this}: input shape {x.ShapeText()} does not match (N, {string.Join(", ", InputShape)})");
        }
    }

    /// <summary>Makes sure jagged per-chunk buffers exist with at least <paramref name="size"/> elements.</summary>
    protected static float[][] EnsureChunks(ref float[][]? buffers, int chunks, int size)
    {
        if (buffers is null || buffers.Length < chunks)
        {
            var old = buffers;
            buffers = new float[chunks][];
            for (int i = 0; i < chunks; i++)
            {
                buffers[i] = old is not null && i < old.Length ? old[i] : [];
            }
        }

        for (int i = 0; i < chunks; i++)
        {
            if (buffers[i].Length < size)
            {
                // Pinned so kernels may keep raw pointers into them across calls. The 64 unused bytes at the end keep
                // two chunks' buffers (allocated next to each other) off a shared cache line: the threads write their
                // partial sums row after row, and false sharing made batch normalisation slower on two threads than one.
                buffers[i] = GC.AllocateArray<float>(size + CacheLineFloats, pinned: true);
            }
        }

        return buffers;
    }
}
