using System.Diagnostics;
using Motiflens.Engine.Losses;
using Motiflens.Engine.Optim;
using Motiflens.Engine.Spec;

namespace Motiflens.Engine.Training;

/// <summary>
/// Measures training, inference and saliency throughput of the reference architectures exactly as the PyTorch
/// reference script does: L = 200, batches of 128 (train: forward + backward + Adam step, train mode),
/// 512 (infer: forward without gradients, eval mode) and 256 (saliency: gradient of the summed outputs
/// with respect to the input, eval mode, no weight gradients), cycling through 4 pre-generated random batches.
/// </summary>
public static class ThroughputBenchmark
{
    /// <summary>The measures, in the reference script's order.</summary>
    public static IReadOnlyList<string> Measures { get; } = ["train", "infer", "saliency"];

    private const int Length = 200;
    private const int Pool = 4;

    /// <summary>The reference batch size of a measure.</summary>
    public static int DefaultBatch(string measure) => measure switch
    {
        "train" => 128,
        "infer" => 512,
        "saliency" => 256,
        _ => throw new ArgumentException($"unknown measure '{measure}' (expected train, infer, saliency)"),
    };

    /// <summary>
    /// Runs one measurement: warm-up (at least <paramref name="warmupSteps"/> steps and <paramref name="warmupSeconds"/>),
    /// then whole steps until <paramref name="seconds"/> have passed and at least <paramref name="minSteps"/> ran.
    /// </summary>
    /// <param name="oneHotInput">Feed float one-hot tensors (N, L, 4) instead of byte codes.</param>
    public static BenchmarkResult Run(string modelName, string measure, int threads, double seconds, int batch = 0, int seed = 0,
        bool oneHotInput = false, double warmupSeconds = 1.0, int warmupSteps = 5, int minSteps = 10, CancellationToken cancellationToken = default)
    {
        var spec = BuiltinModels.Get(modelName, Length) ?? throw new ArgumentException($"unknown model '{modelName}' (expected {string.Join(", ", BuiltinModels.Names)})");
        int n = batch > 0 ? batch : DefaultBatch(measure);
        int outputs = spec.Outputs;
        using var model = ModelBuilder.Build(spec, seed, threads);

        var rng = new Random(seed);
        var codes = new byte[Pool][];
        var inputs = new Tensor[Pool];
        var targets = new Tensor[Pool];
        for (int p = 0; p < Pool; p++)
        {
            codes[p] = new byte[n * Length];
            inputs[p] = new Tensor(n, Length, 4);
            for (int i = 0; i < codes[p].Length; i++)
            {
                codes[p][i] = (byte)rng.Next(4);
                inputs[p].Data[(i * 4) + codes[p][i]] = 1f;
            }

            targets[p] = new Tensor(n, outputs);
            for (int i = 0; i < targets[p].Size; i++)
            {
                targets[p].Data[i] = rng.Next(2);
            }
        }

        Action<int> step;
        switch (measure)
        {
            case "train":
            {
                model.Training = true;
                var adam = new Adam(model.TrainableParameters, 1e-3f);
                adam.UseThreadsOf(model);
                var loss = new BinaryCrossEntropyWithLogits();
                var grad = new Tensor(n, outputs);
                step = i =>
                {
                    model.ZeroGrad();
                    var logits = oneHotInput ? model.Forward(inputs[i % Pool]) : model.Forward(codes[i % Pool], n);
                    loss.Compute(logits, targets[i % Pool], grad);
                    model.Backward(grad);
                    adam.Step();
                };
                break;
            }

            case "infer":
                model.Training = false;
                step = i =>
                {
                    _ = oneHotInput ? model.Forward(inputs[i % Pool], recordGradients: false) : model.Forward(codes[i % Pool], n, recordGradients: false);
                };
                break;
            case "saliency":
            {
                model.Training = false;
                var weights = new Tensor(n, outputs);
                step = i =>
                {
                    // The gradient of the summed sigmoid outputs, as the reference computes it: the output link is
                    // outside the engine model, so its derivative σ(z)(1 − σ(z)) seeds the backward pass.
                    var logits = oneHotInput ? model.Forward(inputs[i % Pool]) : model.Forward(codes[i % Pool], n);
                    var z = logits.Span;
                    var w = weights.Span;
                    for (int k = 0; k < z.Length; k++)
                    {
                        float sigma = 1f / (1f + MathF.Exp(-z[k]));
                        w[k] = sigma * (1f - sigma);
                    }

                    model.Backward(weights, inputGradient: true, weightGradients: false);
                };
                break;
            }

            default:
                throw new ArgumentException($"unknown measure '{measure}' (expected train, infer, saliency)");
        }

        var clock = Stopwatch.StartNew();
        int s = 0;
        while (s < warmupSteps || clock.Elapsed.TotalSeconds < warmupSeconds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            step(s++);
        }

        var times = new List<double>();
        clock.Restart();
        double previous = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            step(s++);
            double now = clock.Elapsed.TotalSeconds;
            times.Add(now - previous);
            previous = now;
            if (now >= seconds && times.Count >= minSteps)
            {
                break;
            }
        }

        double sps = times.Count * n / previous;
        times.Sort();
        long flops = FlopsPerSequence(spec, measure);
        return new BenchmarkResult(modelName, measure, n, threads, Math.Round(sps, 1), times.Count, Math.Round(previous, 3),
            Math.Round(1e3 * times[times.Count / 2], 3), flops, Math.Round(sps * flops / 1e9, 3), oneHotInput ? "onehot" : "codes");
    }

    /// <summary>
    /// FLOPs per sequence as the reference script counts them (1 MAC = 2 FLOPs, convolutions and dense layers only):
    /// infer 2·ΣMAC, train 2·(3·ΣMAC − MAC of the first layer), saliency 4·ΣMAC.
    /// </summary>
    public static long FlopsPerSequence(ModelSpec spec, string measure)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var shapes = ShapeInference.Infer(spec);
        var macs = new List<long>();
        var input = ActivationShape.Sequence(spec.InputChannels, spec.InputLength);
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var l = spec.Layers[i];
            var output = shapes[i];
            if (l.Type == LayerType.Conv1d || l.Type == LayerType.DenovoConv1d)
            {
                macs.Add((long)output.Length * l.Filters * input.Channels * l.KernelSize);
            }
            else if (l.Type == LayerType.Dense)
            {
                macs.Add((long)input.Size * l.Units);
            }

            input = output;
        }

        long sum = macs.Sum();
        long first = macs.Count > 0 ? macs[0] : 0;
        return measure switch
        {
            "train" => 2 * ((3 * sum) - first),
            "saliency" => 4 * sum,
            _ => 2 * sum,
        };
    }
}
