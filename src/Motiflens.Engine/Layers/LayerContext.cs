using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Layers;

/// <summary>
/// Execution settings passed to every layer call: train/eval mode, whether weight gradients are wanted,
/// and the worker threads. Created by <see cref="Model"/> (or <see cref="Create"/> for standalone layer use).
/// </summary>
public sealed class LayerContext : IDisposable
{
    internal LayerContext(WorkerPool pool)
    {
        Pool = pool;
    }

    /// <summary>True in training mode (batch statistics in BatchNorm, dropout active).</summary>
    public bool Training { get; set; }

    /// <summary>When false, Backward computes only input gradients (saliency), skipping weight gradients.</summary>
    public bool ComputeWeightGradients { get; set; } = true;

    /// <summary>Number of threads (the calling thread included) work is split over.</summary>
    public int Threads => Pool.Threads;

    internal WorkerPool Pool { get; }

    /// <summary>
    /// Non-zero while weights are known not to change between calls carrying the same value (one eval-mode
    /// micro-batched model call): layers may then reuse weight layouts derived earlier in that call. 0 = always rederive.
    /// </summary>
    internal long WeightsEpoch { get; set; }

    /// <summary>True when a layout derived under <paramref name="cachedEpoch"/> is still valid.</summary>
    internal bool WeightsUnchangedSince(long cachedEpoch) => WeightsEpoch != 0 && WeightsEpoch == cachedEpoch;

    /// <summary>Creates a standalone context with its own worker threads (dispose it when done).</summary>
    public static LayerContext Create(int threads = 1, bool training = false) => new(new WorkerPool(threads)) { Training = training };

    /// <inheritdoc/>
    public void Dispose() => Pool.Dispose();

    /// <summary>
    /// Number of batch chunks for a batch of n: a function of n and the thread count only, so per-chunk partial
    /// sums reduced in chunk order make results independent of scheduling.
    /// </summary>
    internal int ChunkCount(int n) => Math.Max(1, Math.Min(Threads, n));

    /// <summary>Start (inclusive) of chunk i of n items split into chunks parts.</summary>
    internal static int ChunkStart(int n, int chunks, int i) => (int)((long)n * i / chunks);
}
