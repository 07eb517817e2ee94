using Motiflens.Engine.Layers;

namespace Motiflens.Engine;

/// <summary>
/// A single-threaded copy of a model's layer stack (shared parameters, private buffers) that runs eval-mode
/// micro-batches: forward, or forward + input-gradient backward, writing its rows of the caller's destination.
/// </summary>
internal sealed class ModelReplica : IDisposable
{
    private readonly Layer[] _layers;
    private readonly int[] _inputShape;
    private readonly int[] _outputShape;
    private readonly LayerContext _context = LayerContext.Create(1, training: false);
    private Tensor? _in;
    private Tensor? _seed;
    private byte[] _codes = [];

    public ModelReplica(Layer[] layers, int[] inputShape, int[] outputShape)
    {
        _layers = layers;
        _inputShape = inputShape;
        _outputShape = outputShape;
    }

    /// <summary>Marks the start of one model call: weights do not change until the next.</summary>
    public void BeginCall(long epoch) => _context.WeightsEpoch = epoch;

    public void Run(ReplicaJob job, int start, int m)
    {
        int sample = Tensor.Product(_inputShape);
        Tensor h;
        if (job.Codes is not null)
        {
            int l = _inputShape[0];
            if (_codes.Length < m * l)
            {
                _codes = new byte[m * l];
            }

            Array.Copy(job.Codes, (long)start * l, _codes, 0, (long)m * l);
            h = ((Conv1d)_layers[0]).ForwardCodes(_codes, m, _context);
        }
        else
        {
            var x = Tensor.Ensure(ref _in, m, _inputShape);
            job.X!.Data.AsSpan(start * sample, m * sample).CopyTo(x.Span);
            h = _layers[0].Forward(x, _context);
        }

        for (int i = 1; i < _layers.Length; i++)
        {
            h = _layers[i].Forward(h, _context);
        }

        if (!job.Saliency)
        {
            int per = Tensor.Product(_outputShape);
            h.Span.CopyTo(job.Destination.Data.AsSpan(start * per, m * per));
            return;
        }

        var g = Tensor.Ensure(ref _seed, m, _outputShape);
        if (job.Seed is not null)
        {
            job.Seed(h, g);
        }
        else if (job.Output is null)
        {
            g.Span.Fill(1f);
        }
        else
        {
            g.Clear();
            int per = g.SampleSize;
            for (int s = 0; s < m; s++)
            {
                g.Data[s * per + job.Output.Value] = 1f;
            }
        }

        _context.ComputeWeightGradients = false;
        Tensor grad = g;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            grad = _layers[i].Backward(grad, _context, needInputGradient: true)!;
        }

        grad.Span.CopyTo(job.Destination.Data.AsSpan(start * sample, m * sample));
    }

    public void Dispose() => _context.Dispose();
}
