using System.Diagnostics;
using Motiflens.Engine.Layers;
using Motiflens.Engine.Losses;
using Motiflens.Engine.Optim;
using Motiflens.Engine.Spec;

namespace Motiflens.Engine.Training;

/// <summary>
/// Mini-batch training of a <see cref="Model"/> built from a <see cref="ModelSpec"/>: seeded shuffling,
/// validation after every epoch, early stopping with best-weights restore, reduce-LR-on-plateau, optional
/// L1/L2 penalties, gradient-norm clipping and the constraint projection (de novo convolution) after every optimiser step,
/// and the training regularisers of <see cref="TrainingOptions"/>: input and manifold mixup, input and hidden-layer noise,
/// FGSM/PGD adversarial training (see BatchRegularisers) and the <see cref="SpectralNormPenalty"/>.
/// Same data, options, seed and thread count give bit-identical weights; without regularisers the byte-code path is unchanged.
/// </summary>
/// <remarks>
/// The plateau criterion is the validation loss (the training loss when there is no validation data); an
/// epoch improves when its loss is below the best so far by more than 1e-4 relative (PyTorch's
/// ReduceLROnPlateau default threshold). Batches of one sample are skipped when they are an epoch's
/// remainder, as batch statistics need at least two samples.
/// </remarks>
public sealed class Trainer
{
    private const double ImprovementThreshold = 1e-4;

    /// <summary>Stream numbers for <see cref="StreamSeed"/> (0 is the shuffling stream).</summary>
    internal const int MixupStream = 1, ManifoldMixupStream = 2, InputNoiseStream = 3, ManifoldNoiseStream = 4, AdversarialStream = 5, SpectralStream = 6;

    private readonly Model _model;
    private readonly ModelSpec _spec;
    private readonly TrainingOptions _options;
    private readonly ILoss _loss;
    private readonly Parameter[] _penalised;

    /// <summary>Trains <paramref name="model"/> (built from <paramref name="spec"/> by <see cref="ModelBuilder"/>) with <paramref name="options"/>.</summary>
    public Trainer(Model model, ModelSpec spec, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _spec = spec;
        _options = options;
        _loss = LossFor(spec.Loss);
        _penalised = PenalisedWeights(model.Layers).ToArray();
    }

    /// <summary>The engine loss (on logits) for a spec loss.</summary>
    public static ILoss LossFor(LossKind loss) => loss switch
    {
        LossKind.Bce => new BinaryCrossEntropyWithLogits(),
        LossKind.Mse => new MeanSquaredError(),
        LossKind.Poisson => new PoissonNll(),
        LossKind.CategoricalCrossentropy => new CategoricalCrossEntropy(),
        _ => throw new ArgumentOutOfRangeException(nameof(loss)),
    };

    /// <summary>
    /// Trains on <paramref name="train"/>, validating on <paramref name="validation"/> (optional) after every epoch.
    /// Reports through <paramref name="progress"/> after every batch; stops with <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> fires. At the end the model holds the best epoch's weights
    /// (when <see cref="TrainingOptions.RestoreBestWeights"/>) and is in eval mode.
    /// </summary>
    public TrainingResult Fit(ISupervisedData train, ISupervisedData? validation = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ModelEvaluator.CheckData(_model, train);
        if (validation is not null)
        {
            ModelEvaluator.CheckData(_model, validation);
        }

        if (train.Count < 1)
        {
            throw new ArgumentException("no training samples");
        }

        var o = _options;
        _model.Threads = o.Threads;
        int n = train.Count, l = train.Length, t = train.Tasks;
        int batch = Math.Min(o.BatchSize, n);
        int batches = (n + batch - 1) / batch;
        if (batches > 1 && n % batch == 1)
        {
            batches--;
        }

        Optimizer optimizer = o.Optimizer == OptimizerKind.Sgd
            ? new Sgd(_model.TrainableParameters, (float)o.LearningRate, (float)o.Momentum, weightDecay: (float)o.WeightDecay)
            : new Adam(_model.TrainableParameters, (float)o.LearningRate, weightDecay: (float)o.WeightDecay);
        optimizer.UseThreadsOf(_model);

        // Shuffling has its own stream, derived from the seed but distinct from weight initialisation.
        var shuffle = new Random(unchecked((o.Seed * 1_000_003) + 0x5EED));
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var regularisers = BatchRegularisers.IsNeeded(o) ? new BatchRegularisers(_model, _loss, o, batch) : null;
        var spectral = o.SpectralNormPenalty > 0 ? new SpectralNormPenalty(_penalised, StreamSeed(o.Seed, SpectralStream)) : null;
        var codes = new byte[batch * l];
        var targets = new float[batch * t];
        var maskData = new float[batch * t];
        var gradData = new float[batch * t];
        var history = new List<EpochRecord>();
        IReadOnlyList<StateEntry>? best = null;
        double bestLoss = double.PositiveInfinity, plateauBest = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0, sincePlateauBest = 0;
        bool stoppedEarly = false;
        double learningRate = o.LearningRate;
        var clock = Stopwatch.StartNew();

        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            shuffle.Shuffle(order);
            _model.Training = true;
            double lossSum = 0;
            long lossCount = 0;
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = b * batch;
                int size = b == batches - 1 ? n - start : batch;
                size = Math.Min(size, batch);
                train.FillBatch(order.AsSpan(start, size), codes.AsSpan(0, size * l), targets.AsSpan(0, size * t));
                var grad = new Tensor(gradData, size, t);

                _model.ZeroGrad();
                float loss;
                if (regularisers is not null)
                {
                    loss = regularisers.Step(codes, targets, size, l, t, grad);
                }
                else
                {
                    var y = new Tensor(targets, size, t);
                    var mask = Mask(targets.AsSpan(0, size * t), maskData, size, t);
                    var logits = _model.Forward(codes, size);
                    loss = _loss.Compute(logits, y, grad, mask);
                    if (float.IsFinite(loss))
                    {
                        _model.Backward(grad);
                    }
                }

                if (!float.IsFinite(loss))
                {
                    throw new InvalidOperationException($"training diverged: the loss is {loss} at epoch {epoch}, batch {b + 1}; try a smaller learning rate");
                }

                if (o.L1 > 0 || o.L2 > 0)
                {
                    Penalties.AddGradients(_penalised, (float)o.L1, (float)o.L2);
                }

                spectral?.AddGradients(o.SpectralNormPenalty);

                if (o.ClipNorm > 0)
                {
                    GradientClipping.ClipGlobalNorm(_model.TrainableParameters, (float)o.ClipNorm);
                }

                optimizer.Step();
                _model.ApplyConstraints();
                lossSum += (double)loss * size;
                lossCount += size;
                if (progress is not null)
                {
                    var done = ((epoch - 1) * (double)batches) + b + 1;
                    var eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (((double)o.Epochs * batches) - done));
                    progress.Report(new TrainingProgress(epoch, o.Epochs, b + 1, batches, lossSum / lossCount, null, eta));
                }
            }

            double trainLoss = lossSum / Math.Max(1, lossCount);
            var val = validation is null || validation.Count == 0 ? null : ModelEvaluator.Evaluate(_model, _spec, validation, 256, cancellationToken);
            var record = new EpochRecord(epoch, learningRate, trainLoss, val, epochClock.Elapsed.TotalSeconds);
            history.Add(record);
            double monitored = val?.Loss ?? trainLoss;

            if (Improves(monitored, bestLoss))
            {
                bestLoss = monitored;
                bestEpoch = epoch;
                sinceBest = 0;
                if (o.RestoreBestWeights)
                {
                    best = _model.StateDict();
                }
            }
            else
            {
                sinceBest++;
            }

            if (Improves(monitored, plateauBest))
            {
                plateauBest = monitored;
                sincePlateauBest = 0;
            }
            else if (o.LrPatience > 0 && ++sincePlateauBest >= o.LrPatience)
            {
                learningRate = Math.Max(learningRate * o.LrFactor, o.MinLearningRate);
                optimizer.LearningRate = (float)learningRate;
                sincePlateauBest = 0;
            }

            if (progress is not null)
            {
                var remaining = clock.Elapsed.TotalSeconds / epoch * (o.Epochs - epoch);
                progress.Report(new TrainingProgress(epoch, o.Epochs, batches, batches, trainLoss, val, TimeSpan.FromSeconds(remaining)));
            }

            if (o.Patience > 0 && sinceBest >= o.Patience && epoch < o.Epochs)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (o.RestoreBestWeights && best is not null)
        {
            _model.LoadStateDict(best);
        }
        else
        {
            bestEpoch = history.Count;
        }

        _model.Training = false;
        return new TrainingResult(history, bestEpoch, stoppedEarly);
    }

    /// <summary>The seed of one of the trainer's random streams: derived from the run seed, distinct per stream.</summary>
    internal static int StreamSeed(int seed, int stream) => unchecked((seed * 1_000_003) + (stream * 7_919) + 0x5EED);

    private static bool Improves(double loss, double best) =>
        double.IsFinite(loss) && (double.IsPositiveInfinity(best) || loss < best - (ImprovementThreshold * Math.Abs(best)));

    /// <summary>A mask tensor when any target is NaN (those are excluded and zeroed), else null.</summary>
    internal static Tensor? Mask(Span<float> targets, float[] mask, int n, int t)
    {
        if (!HasNaN(targets))
        {
            return null;
        }

        for (int i = 0; i < targets.Length; i++)
        {
            bool missing = float.IsNaN(targets[i]);
            mask[i] = missing ? 0f : 1f;
            if (missing)
            {
                targets[i] = 0f;
            }
        }

        return new Tensor(mask, n, t);
    }

    private static bool HasNaN(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (float.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The weights L1/L2 apply to: convolution, dense and SFC weights, not biases or batchnorm.</summary>
    private static IEnumerable<Parameter> PenalisedWeights(IEnumerable<Layer> layers)
    {
        foreach (var layer in layers)
        {
            if (layer is Residual residual)
            {
                foreach (var p in PenalisedWeights(residual.Layers))
                {
                    yield return p;
                }
            }
            else if (layer is not BatchNorm)
            {
                foreach (var p in layer.Parameters)
                {
                    if (p.Trainable && p.Name.StartsWith("weight", StringComparison.Ordinal))
                    {
                        yield return p;
                    }
                }
            }
        }
    }
}
