using System.Diagnostics;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Attribution;
using Motiflens.Interpretation.Datasets;
using Motiflens.Interpretation.Knowledge;
using Motiflens.Interpretation.Metrics;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Evaluation;

/// <summary>
/// Trains and scores one child in its own directory (<c>child-00012/</c>: child.json, the model directory files,
/// result.json): the per-child work shared by the <see cref="LocalEvaluator"/> (threads of this process) and the
/// hidden worker command that a cluster job runs. L is the validation loss, K the knowledge dissimilarity of the first
/// convolution's filters against the knowledge motifs (0 without motifs), and optionally the multi-scale KLD of
/// saliency on validation positives. Thread-safe: children can be trained concurrently.
/// </summary>
public sealed class ChildTrainer
{
    private readonly ModelSpace _space;
    private readonly DatasetSplit _train;
    private readonly DatasetSplit _valid;
    private readonly IReadOnlyList<KnowledgeMotif> _knowledge;
    private readonly LocalEvaluatorOptions _options;
    private readonly double? _constantLoss;

    /// <param name="space">The space the children come from (its input length must match the data).</param>
    /// <param name="dataset">Needs "train" and "valid" splits.</param>
    /// <param name="knowledge">Knowledge motifs for K; empty for K = 0.</param>
    /// <param name="options">How children are trained and scored (its Parallel and Threads are not used here).</param>
    public ChildTrainer(ModelSpace space, SequenceDataset dataset, IReadOnlyList<KnowledgeMotif> knowledge, LocalEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(options);
        _space = space;
        _train = dataset.Get("train");
        _valid = dataset.TryGet("valid") ?? throw new IO.InputException(dataset.Source, "x_valid", "the search needs a validation split (x_valid, y_valid) for the children's loss");
        if (dataset.Length != space.InputLength)
        {
            throw new IO.InputException(dataset.Source, "x_train", $"sequences have length {dataset.Length}, but the space '{space.Name}' expects {space.InputLength}");
        }

        _knowledge = knowledge;
        _options = options;
        var outputLink = space.Output.ToLayerSpec()?.Activation ?? ActivationKind.Linear;
        _constantLoss = ConstantPredictorLoss(space.Loss, outputLink, _valid);
    }

    /// <summary>Number of tasks (outputs) of the data; the children's output layer gets this many units.</summary>
    public int Outputs => _train.Tasks;

    /// <summary>The space the children come from.</summary>
    public ModelSpace Space => _space;

    /// <summary>
    /// Trains and scores one child in <paramref name="dir"/> with <paramref name="threads"/> threads, writing child.json
    /// before and result.json after; a result.json of the same task left by an interrupted run is returned as it is.
    /// Errors of the child itself (invalid shapes, a non-finite loss) are a failed outcome; anything else propagates.
    /// </summary>
    public ChildOutcome Evaluate(ChildTask task, string dir, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(dir);
        if (FinishedResult(dir, task) is { } done)
        {
            return done;
        }

        ChildFiles.WriteTask(dir, task);
        var clock = Stopwatch.StartNew();
        ChildOutcome outcome;
        try
        {
            outcome = new ChildOutcome(task, Train(task, dir, threads, cancellationToken), null, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IO.InputException or ArithmeticException)
        {
            outcome = ChildOutcome.Failed(task, $"{ex.GetType().Name}: {ex.Message}", clock.Elapsed.TotalSeconds);
        }

        ChildFiles.WriteResult(dir, outcome);
        return outcome;
    }

    /// <summary>The result.json in <paramref name="dir"/> when it is the outcome of this very task (tokens and seed), else null.</summary>
    public static ChildOutcome? FinishedResult(string dir, ChildTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return ChildFiles.TryReadResult(dir) is { } done && done.Task.Tokens.SequenceEqual(task.Tokens) && done.Task.Seed == task.Seed ? done : null;
    }

    private ChildMeasurement Train(ChildTask task, string dir, int threads, CancellationToken ct)
    {
        var arch = new Architecture(task.Tokens);
        var spec = _space.ToModelSpec(arch, Outputs);
        var trainData = new DatasetSplitData(_train, spec.InputChannels);
        var validData = new DatasetSplitData(_valid, spec.InputChannels);

        // A child whose best weights predict no better than a constant has not started learning (typically every
        // ReLU unit of a narrow layer died in the first steps, after which no gradient flows). That is the luck of
        // its initialisation, not a property of the architecture, so it is re-initialised with a derived seed.
        for (int attempt = 0; ; attempt++)
        {
            int seed = attempt == 0 ? task.Seed : Seeds.Derive(task.Seed, attempt, 0x5EED);
            var training = _options.Training with { Seed = seed, Threads = threads };
            using var model = ModelBuilder.Build(spec, seed, threads);
            var result = new Trainer(model, spec, training).Fit(trainData, validData, null, ct);
            var eval = ModelEvaluator.Evaluate(model, spec, validData, cancellationToken: ct);
            bool learned = _constantLoss is not { } c || !double.IsFinite(eval.Loss) || eval.Loss < c * (1 - _options.LearnedMargin);
            if (!learned && attempt < _options.Restarts)
            {
                continue;
            }

            ModelDirectory.Save(dir, spec, model, training, result, eval);
            if (!double.IsFinite(eval.Loss))
            {
                throw new ArithmeticException($"validation loss is {eval.Loss}");
            }

            return Measure(spec, model, result, eval, attempt + 1, ct);
        }
    }

    private ChildMeasurement Measure(ModelSpec spec, Engine.Model model, TrainingResult result, EvaluationResult eval, int attempts, CancellationToken ct)
    {
        double k = _knowledge.Count == 0 ? 0 : Knowledge(spec, model);
        double? kld = _options.ComputeKld ? Kld(model, ct) : null;
        var metrics = new Dictionary<string, double>();
        foreach (var (name, value) in new[] { ("auroc", eval.Auroc), ("aupr", eval.Aupr), ("accuracy", eval.Accuracy), ("pearson", eval.Pearson), ("spearman", eval.Spearman) })
        {
            if (double.IsFinite(value))
            {
                metrics[name] = value;
            }
        }

        metrics["epochs"] = result.History.Count;
        metrics["attempts"] = attempts;
        return new ChildMeasurement(eval.Loss, k, kld, metrics);
    }

    /// <summary>
    /// Validation loss of the best constant prediction (each task's validation mean through the output link), or
    /// null when the loss/link pair has no closed form here (then children are never restarted).
    /// </summary>
    private static double? ConstantPredictorLoss(LossKind loss, ActivationKind link, DatasetSplit valid)
    {
        if ((loss, link) is not ((LossKind.Bce, ActivationKind.Sigmoid) or (LossKind.Mse, ActivationKind.Linear)))
        {
            return null;
        }

        int tasks = valid.Tasks;
        var sum = new double[tasks];
        var count = new int[tasks];
        var y = valid.Targets;
        for (int i = 0; i < y.Length; i++)
        {
            if (!float.IsNaN(y[i]))
            {
                sum[i % tasks] += y[i];
                count[i % tasks]++;
            }
        }

        var logit = new float[tasks];
        for (int t = 0; t < tasks; t++)
        {
            double m = count[t] == 0 ? 0 : sum[t] / count[t];
            if (loss == LossKind.Bce)
            {
                m = Math.Clamp(m, 1e-6, 1 - 1e-6);
                m = Math.Log(m / (1 - m));
            }

            logit[t] = (float)m;
        }

        var logits = new float[y.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = logit[i % tasks];
        }

        return OutputEvaluation.Evaluate(loss, link, logits, y, tasks).Loss;
    }

    private double Knowledge(ModelSpec spec, Engine.Model model)
    {
        int first = -1;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            if (spec.Layers[i].Type == LayerType.Conv1d || spec.Layers[i].Type == LayerType.DenovoConv1d)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            throw new InvalidOperationException("the child has no convolution layer, so its knowledge dissimilarity K is undefined");
        }

        var weight = model.StateDict().FirstOrDefault(e => e.Key == $"layers.{first}.weight")
            ?? throw new InvalidOperationException($"the model has no weight layers.{first}.weight");
        var bank = FilterBank.FromConvWeight(weight.Data, weight.Shape[0], weight.Shape[1], weight.Shape[2]);
        return KnowledgeDissimilarity.Compute(bank, _knowledge, _options.Knowledge).K;
    }

    private double Kld(Engine.Model model, CancellationToken ct)
    {
        // Saliency on validation positives (any task positive), up to the configured number of sequences.
        var rows = new List<int>();
        for (int i = 0; i < _valid.Count && rows.Count < _options.KldSequences; i++)
        {
            var t = _valid.Target(i);
            bool positive = false;
            foreach (var v in t)
            {
                positive |= v > 0.5f;
            }

            if (positive)
            {
                rows.Add(i);
            }
        }

        if (rows.Count == 0)
        {
            throw new InvalidOperationException("no validation positives to attribute for the KLD term");
        }

        int length = _valid.Length;
        var codes = new byte[rows.Count * length];
        for (int r = 0; r < rows.Count; r++)
        {
            _valid.Sequence(rows[r]).CopyTo(codes.AsSpan(r * length, length));
        }

        var maps = AttributionRunner.Run(model, codes, length, new Saliency(), AttributionOptions.Default, null, ct);
        return MultiScaleKld.Compute(codes, maps, length, _options.LengthWeights);
    }
}
