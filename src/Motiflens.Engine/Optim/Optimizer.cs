namespace Motiflens.Engine.Optim;

/// <summary>Base of the optimisers: updates the trainable <see cref="Parameter"/>s from their accumulated gradients.</summary>
/// <remarks>Works on any parameters (model layers or hand-made ones such as an LSTM controller's). Non-trainable buffers are ignored.</remarks>
public abstract class Optimizer
{
    private readonly Parameter[] _parameters;

    /// <summary>Takes the trainable parameters among <paramref name="parameters"/>.</summary>
    protected Optimizer(IEnumerable<Parameter> parameters, float learningRate)
    {
        _parameters = parameters.Where(p => p.Trainable).ToArray();
        LearningRate = learningRate;
    }

    /// <summary>Learning rate (may be changed between steps, e.g. by reduce-on-plateau).</summary>
    public float LearningRate { get; set; }

    /// <summary>The parameters updated.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The parameters as an array (allocation-free iteration in Step).</summary>
    protected Parameter[] ParameterArray => _parameters;

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public int StepCount { get; protected set; }

    /// <summary>Applies one update from the current gradients (gradients are left as they are).</summary>
    public abstract void Step();

    /// <summary>
    /// Runs the update on the worker threads of <paramref name="model"/> (optimisers whose update is elementwise split
    /// each parameter into slices; the results do not change). Without it the update runs on the calling thread.
    /// </summary>
    public void UseThreadsOf(Model model) => ThreadSource = model;

    /// <summary>The model whose worker threads run the update, or null.</summary>
    private protected Model? ThreadSource { get; private set; }

    /// <summary>Slice [start, end) of chunk <paramref name="chunk"/> of <paramref name="size"/> elements, starts aligned to 8.</summary>
    private protected static (int Start, int End) Slice(int size, int chunks, int chunk)
    {
        int start = chunk == 0 ? 0 : (int)((long)size * chunk / chunks) & ~7;
        int end = chunk == chunks - 1 ? size : (int)((long)size * (chunk + 1) / chunks) & ~7;
        return (start, end);
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.ZeroGrad();
        }
    }
}
