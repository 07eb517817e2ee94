using Motiflens.Engine.Layers;

namespace Motiflens.Engine;

/// <summary>
/// The reverse-mode record of one forward pass: the coarse ops (layers, and activation-hook transforms between them)
/// in execution order. Backward replays it in reverse, each op's backward kernel turning dLoss/dOutput into
/// dLoss/dInput and weight gradients.
/// </summary>
internal sealed class Tape
{
    private readonly List<Op> _ops = [];

    /// <summary>True when a forward pass was recorded and not yet consumed or cleared.</summary>
    public bool IsRecorded { get; private set; }

    public void Clear()
    {
        _ops.Clear();
        IsRecorded = false;
    }

    public void Record(Layer op)
    {
        _ops.Add(new Op(op, null, 0));
        IsRecorded = true;
    }

    /// <summary>Records <paramref name="hook"/>'s transform of the activation entering layer <paramref name="layerIndex"/>.</summary>
    public void Record(ActivationHook hook, int layerIndex)
    {
        _ops.Add(new Op(null, hook, layerIndex));
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
            var op = _ops[i];
            if (op.Hook is not null)
            {
                g = op.Hook.Backward(op.LayerIndex, g!);
                continue;
            }

            bool needInput = i > 0 || needInputGradient;
            g = op.Layer!.Backward(g!, context, needInput);
            if (g is null)
            {
                break;
            }
        }

        return g;
    }

    /// <summary>One taped op: a layer, or a hook transform before layer <see cref="LayerIndex"/>.</summary>
    private readonly record struct Op(Layer? Layer, ActivationHook? Hook, int LayerIndex);
}
