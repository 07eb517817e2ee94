using System.Diagnostics;
using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;
using Motiflens.Interpretation.Attribution;
using Motiflens.Interpretation.Datasets;
using Motiflens.Interpretation.Metrics;

namespace Motiflens.Search.Population;

/// <summary>
/// Runs one <see cref="PopulationTask"/> in its directory: trains (early stopping, LR on plateau), evaluates on the
/// test split, computes saliency on the first positive test sequences, scores every reliability metric with
/// the ground truth <c>pwm_test</c>, and writes <c>model/</c>, <c>examples.npz</c> and finally <c>result.json</c>.
/// The same task, seed and thread count give the same result whichever process runs it.
/// </summary>
public static class PopulationMemberRunner
{
    /// <summary>
    /// Runs <paramref name="task"/> with <paramref name="threads"/> engine threads, writing into
    /// <paramref name="directory"/>. <paramref name="dataset"/> is the loaded <see cref="PopulationTask.Data"/>
    /// (loaded here when null). A member that cannot be trained (diverged, no positives) gives a "failed" row;
    /// unusable data is an <see cref="InputException"/>.
    /// </summary>
    public static PopulationRow Run(PopulationTask task, string directory, int threads, SequenceDataset? dataset = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(directory);
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1");
        }

        dataset ??= SequenceDataset.Load(task.Data);
        var splits = CheckData(dataset, task.Spec);
        Directory.CreateDirectory(directory);
        var member = task.Member;
        var failed = new PopulationRow
        {
            Id = member.Id,
            BatchNorm = member.BatchNorm,
            Activation = member.Activation,
            Regularization = member.Regularization,
            Seed = member.Seed,
        };

        PopulationRow row;
        try
        {
            row = Train(task, directory, threads, splits, failed, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            row = failed with { Reason = $"{ex.GetType().Name}: {ex.Message}" };
        }

        PopulationFiles.WriteResult(directory, row);
        return row;
    }

    /// <summary>The train, valid and test splits, checked against the spec; bad data is an <see cref="InputException"/>.</summary>
    public static (DatasetSplit Train, DatasetSplit Valid, DatasetSplit Test) CheckData(SequenceDataset dataset, ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(spec);
        var train = dataset.TryGet("train") ?? throw new InputException(dataset.Source, "x_train", "a population needs a training split");
        var valid = dataset.TryGet("valid") ?? throw new InputException(dataset.Source, "x_valid", "a population needs a validation split (early stopping)");
        var test = dataset.TryGet("test") ?? throw new InputException(dataset.Source, "x_test", "a population needs a test split (AUROC and attribution)");
        if (train.Count < 2 || valid.Count < 1 || test.Count < 1)
        {
            throw new InputException(dataset.Source, "x_train", $"need at least 2 training, 1 validation and 1 test sequence; found {train.Count}, {valid.Count}, {test.Count}");
        }

        if (train.Tasks != 1)
        {
            throw new InputException(dataset.Source, "y_train", $"a population needs single-task binary data (one target per sequence); found {train.Tasks}");
        }

        if (train.Length != spec.InputLength)
        {
            throw new InputException(dataset.Source, "x_train", $"sequences have length {train.Length}, but the model expects {spec.InputLength}");
        }

        if (spec.Outputs != 1)
        {
            throw new InputException(spec.Source, "layers", $"the model has {spec.Outputs} outputs; a population member needs exactly 1");
        }

        return (train, valid, test);
    }

    private static PopulationRow Train(PopulationTask task, string directory, int threads, (DatasetSplit Train, DatasetSplit Valid, DatasetSplit Test) data,
        PopulationRow failed, IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        var spec = task.Spec;
        var options = task.Training with { Threads = threads };
        using var model = ModelBuilder.Build(spec, options.Seed, threads);
        var clock = Stopwatch.StartNew();
        var result = new Trainer(model, spec, options).Fit(new DatasetSplitData(data.Train), new DatasetSplitData(data.Valid), progress, ct);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var test = ModelEvaluator.Evaluate(model, spec, new DatasetSplitData(data.Test), cancellationToken: ct);
        failed = failed with { TrainSeconds = trainSeconds, Epochs = result.History.Count, TestLoss = test.Loss, TestAuroc = test.Auroc, TestAupr = test.Aupr };
        if (!double.IsFinite(test.Loss))
        {
            return failed with { Reason = $"test loss is {test.Loss} (training diverged)" };
        }

        SaveModel(Path.Combine(directory, PopulationFiles.ModelFolder), spec, model, options, result, test);

        var rows = Positives(data.Test, task.Attribution.MaxSequences);
        if (rows.Length == 0)
        {
            return failed with { Reason = "the test split has no positive sequence (target >= 0.5) to attribute" };
        }

        int length = data.Test.Length;
        var codes = new byte[rows.Length * length];
        for (int r = 0; r < rows.Length; r++)
        {
            data.Test.Sequence(rows[r]).CopyTo(codes.AsSpan(r * length, length));
        }

        var maps = AttributionRunner.Run(model, codes, length, new Saliency(), AttributionOptions.Default, null, ct);
        float[]? pwm = data.Test.Pwm is null ? null : Gather(data.Test.Pwm, rows, length * 4);
        var scores = ReliabilityScorer.Score(codes, maps, length, pwm, null, new ReliabilityOptions(MaxDegreeOfParallelism: threads));
        WriteExamples(Path.Combine(directory, PopulationFiles.ExamplesFile), rows, codes, maps, pwm, length, task.Attribution.Examples);

        return failed with
        {
            Ok = true,
            Snr = scores.GroundTruth?.Snr ?? double.NaN,
            InterpAuroc = scores.GroundTruth?.Auroc ?? double.NaN,
            InterpAupr = scores.GroundTruth?.Aupr ?? double.NaN,
            KldOriginal = scores.KldOriginal,
            KldWeighted = scores.KldWeighted,
            KldMultiscale = scores.KldMultiscale,
            ModelDir = PopulationFiles.RelativeModelDirectory(task.Member.Id),
        };
    }

    /// <summary>The first <paramref name="max"/> rows whose target is ≥ 0.5, in dataset order.</summary>
    internal static int[] Positives(DatasetSplit split, int max)
    {
        var rows = new List<int>();
        for (int i = 0; i < split.Count && rows.Count < max; i++)
        {
            if (split.Target(i)[0] >= 0.5f)
            {
                rows.Add(i);
            }
        }

        return rows.ToArray();
    }

    private static float[] Gather(float[] source, int[] rows, int stride)
    {
        var result = new float[rows.Length * stride];
        for (int r = 0; r < rows.Length; r++)
        {
            Array.Copy(source, (long)rows[r] * stride, result, (long)r * stride, stride);
        }

        return result;
    }

    /// <summary>The model directory, written into a sibling and renamed into place (a killed run leaves no half directory).</summary>
    private static void SaveModel(string target, ModelSpec spec, Engine.Model model, TrainingOptions options, TrainingResult result, EvaluationResult test)
    {
        var temp = target + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        ModelDirectory.Save(temp, spec, model, options, result, test);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(temp, target);
    }

    /// <summary>
    /// examples.npz: <c>indices</c> (E,) test-split rows, <c>x</c> (E, L) base codes (A, C, G, T = 0..3, N = 4),
    /// <c>saliency</c> (E, L, 4) and, with ground truth, <c>pwm</c> (E, L, 4).
    /// </summary>
    private static void WriteExamples(string path, int[] rows, byte[] codes, float[] maps, float[]? pwm, int length, int examples)
    {
        int e = Math.Min(examples, rows.Length);
        var arrays = new List<KeyValuePair<string, NpyArray>>
        {
            new("indices", NpyArray.FromInts(rows[..e], e)),
            new("x", NpyArray.FromBytes(codes[..(e * length)], e, length)),
            new("saliency", NpyArray.FromFloats(maps[..(e * length * 4)], e, length, 4)),
        };
        if (pwm is not null)
        {
            arrays.Add(new("pwm", NpyArray.FromFloats(pwm[..(e * length * 4)], e, length, 4)));
        }

        NpzArchive.Write(path, arrays);
    }
}
