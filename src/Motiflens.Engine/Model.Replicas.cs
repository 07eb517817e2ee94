using Motiflens.Engine.Kernels;
using Motiflens.Engine.Layers;

namespace Motiflens.Engine;

/// <content>Eval-mode micro-batches and the per-thread layer replicas that run them.</content>
public sealed partial class Model
{
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
}
