using Motiflens.Engine.Layers;

namespace Motiflens.Engine;

/// <summary>
/// The reverse-mode record of one forward pass: the coarse ops (layers) in execution order. Backward replays it
/// in reverse, each op's backward kernel turning dLoss/dOutput into dLoss/dInput and weight gradients.
/// </summary>
internal sealed class Tape
{
    private readonly List<Layer> _ops = [];

    /// <summary>True when a forward pass was recorded and not yet consumed or cleared.</summary>
    public bool IsRecorded { get; private set; }

    public void Clear()
    {
        _ops.Clear();
        IsRecorded = false;
    }

    public void Record(Layer op)
    {
        _ops.Add(op);
        IsRecorded = true;
    }

    /// <summary>Runs the recorded ops' backward kernels in reverse; returns dLoss/dInput when requested.</summary>
    public Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (!IsRecorded)
        {
            throw new InvalidOperationException("Backward needs a preceding Forward with gradient recording");
        }

        Tensor? g = gradOutput;
        for (int i = _ops.Count - 1; i >= 0; i--)
        {
            bool needInput = i > 0 || needInputGradient;
            g = _ops[i].Backward(g!, context, needInput);
            if (g is null)
            {
                break;
            }
        }

        return g;
    }
}
