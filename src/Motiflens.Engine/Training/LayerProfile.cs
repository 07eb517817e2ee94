using System.Diagnostics;
using Motiflens.Engine.Layers;
using Motiflens.Engine.Spec;

namespace Motiflens.Engine.Training;

/// <summary>Time of one layer per sequence: forward and backward, in microseconds.</summary>
public sealed record LayerTiming(int Index, string Layer, double ForwardMicroseconds, double BackwardMicroseconds);

/// <summary>
/// Where a benchmark step's time goes, layer by layer: the layers of a reference model run one after another on random
/// byte-code batches exactly as <see cref="ThroughputBenchmark"/> runs them, with a clock read around every layer call.
/// </summary>
/// <remarks>
/// Training runs the whole batch on <c>threads</c> threads (the path <see cref="Model"/> takes in training). Inference
/// and saliency run what each inference thread does: micro-batches of 16 sequences on one thread (a model splits larger
/// eval batches over per-thread replicas), so their times are per thread. The loss and the optimiser step are not
/// layers and are not included.
/// </remarks>
public static class LayerProfile
{
    private const int Length = 200;
    private const int MicroBatch = 16;

    /// <summary>Profiles <paramref name="modelName"/> for <paramref name="measure"/> (train, infer or saliency) for about <paramref name="seconds"/>.</summary>
    public static IReadOnlyList<LayerTiming> Run(string modelName, string measure, int threads, double seconds, int batch = 0, int seed = 0)
    {
        var spec = BuiltinModels.Get(modelName, Length) ?? throw new ArgumentException($"unknown model '{modelName}' (expected {string.Join(", ", BuiltinModels.Names)})");
        bool train = measure == "train";
        bool saliency = measure == "saliency";
        if (!train && !saliency && measure != "infer")
        {
            throw new ArgumentException($"unknown measure '{measure}' (expected train, infer, saliency)");
        }

        int n = train ? (batch > 0 ? batch : ThroughputBenchmark.DefaultBatch(measure)) : MicroBatch;
        using var model = ModelBuilder.Build(spec, seed, 1);
        var layers = model.Layers;
        if (layers.Count == 0 || layers[0] is not Conv1d first)
        {
            throw new ArgumentException($"model '{modelName}' does not start with a convolution");
        }

        using var context = LayerContext.Create(train ? threads : 1, training: train);
        context.ComputeWeightGradients = train;
        if (!train)
        {
            // As in a model's eval calls: weights do not change, so layouts derived from them (aligned copies,
            // transposes) are made once, not per micro-batch.
            context.WeightsEpoch = 1;
        }

        var rng = new Random(seed);
        var codes = new byte[n * Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)rng.Next(4);
        }

        var forward = new long[layers.Count];
        var backward = new long[layers.Count];
        long sequences = 0;
        var clock = Stopwatch.StartNew();
        double warmup = Math.Min(1.0, seconds / 4);
        int iteration = 0;
        Tensor? seedGradient = null;
        // The first pass (compilation, buffers) is never timed; at least one pass is, however short the time asked.
        while (sequences == 0 || clock.Elapsed.TotalSeconds < warmup + seconds)
        {
            bool timed = iteration++ > 0 && clock.Elapsed.TotalSeconds >= warmup;
            long t0 = Stopwatch.GetTimestamp();
            var h = first.ForwardCodes(codes, n, context);
            long t1 = Stopwatch.GetTimestamp();
            Add(forward, 0, t1 - t0, timed);
            for (int i = 1; i < layers.Count; i++)
            {
                t0 = Stopwatch.GetTimestamp();
                h = layers[i].Forward(h, context);
                Add(forward, i, Stopwatch.GetTimestamp() - t0, timed);
            }

            if (train || saliency)
            {
                // The same seed gradient every pass, in a buffer made once (the loop allocates nothing).
                seedGradient ??= new Tensor(h.ShapeArray());
                seedGradient.Span.Fill(1f / seedGradient.Size);
                Tensor? g = seedGradient;
                for (int i = layers.Count - 1; i >= 0 && g is not null; i--)
                {
                    t0 = Stopwatch.GetTimestamp();
                    g = layers[i].Backward(g, context, needInputGradient: i > 0 || saliency);
                    Add(backward, i, Stopwatch.GetTimestamp() - t0, timed);
                }
            }

            if (timed)
            {
                sequences += n;
            }
        }

        double perSequence = 1e6 / Stopwatch.Frequency / Math.Max(1, sequences);
        return layers.Select((l, i) => new LayerTiming(i, l.ToString(), Math.Round(forward[i] * perSequence, 3), Math.Round(backward[i] * perSequence, 3))).ToArray();
    }

    private static void Add(long[] totals, int index, long ticks, bool timed)
    {
        if (timed)
        {
            totals[index] += ticks;
        }
    }
}
