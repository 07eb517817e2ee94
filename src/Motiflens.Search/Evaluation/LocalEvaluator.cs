using Motiflens.Genomics.Datasets;
using Motiflens.Interpretation.Knowledge;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Evaluation;

/// <summary>
/// Trains children on this machine: <see cref="LocalEvaluatorOptions.Parallel"/> at a time, each by the
/// <see cref="ChildTrainer"/> in its own directory under the root (<c>child-00012/</c>) with an even share of the threads.
/// A child whose evaluation throws (beyond the failures the trainer records itself, e.g. a file it cannot write) is
/// tried again up to <see cref="Retries"/> times, then recorded as failed with the exception, and the others go on.
/// </summary>
public sealed class LocalEvaluator : IChildEvaluator
{
    private readonly ChildTrainer _trainer;
    private readonly string _root;
    private readonly int _parallel;
    private readonly int _threads;
    private readonly Lock _gate = new();

    /// <param name="trainer">The per-child work.</param>
    /// <param name="root">Folder that receives one directory per child.</param>
    /// <param name="parallel">Children trained at the same time.</param>
    /// <param name="threads">Threads in total, shared out evenly among the parallel children.</param>
    public LocalEvaluator(ChildTrainer trainer, string root, int parallel, int threads)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(root);
        _trainer = trainer;
        _root = root;
        _parallel = Math.Max(1, parallel);
        _threads = Math.Max(1, threads);
    }

    /// <param name="space">The space the children come from (its input length must match the data).</param>
    /// <param name="dataset">Needs "train" and "valid" splits.</param>
    /// <param name="knowledge">Knowledge motifs for K; empty for K = 0.</param>
    /// <param name="root">Folder that receives one directory per child.</param>
    /// <param name="options">Training, scoring, parallelism and threads.</param>
    public LocalEvaluator(ModelSpace space, SequenceDataset dataset, IReadOnlyList<KnowledgeMotif> knowledge, string root, LocalEvaluatorOptions options)
        : this(new ChildTrainer(space, dataset, knowledge, options ?? throw new ArgumentNullException(nameof(options))), root, options.Parallel, options.Threads)
    {
    }

    /// <summary>Number of tasks (outputs) of the data; the children's output layer gets this many units.</summary>
    public int Outputs => _trainer.Outputs;

    /// <summary>Further attempts at a child whose evaluation threw, before it is recorded as failed.</summary>
    public int Retries { get; init; } = 2;

    public IReadOnlyList<ChildOutcome> Evaluate(IReadOnlyList<ChildTask> tasks, Action<ChildOutcome> completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(completed);
        var outcomes = new ChildOutcome[tasks.Count];
        int parallel = Math.Max(1, Math.Min(_parallel, tasks.Count));
        int threadsEach = Math.Max(1, _threads / parallel);
        Parallel.For(0, tasks.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, i =>
        {
            var outcome = EvaluateOne(tasks[i], threadsEach, cancellationToken);
            outcomes[i] = outcome;
            lock (_gate)
            {
                completed(outcome);
            }
        });
        return outcomes;
    }

    /// <summary>Trains and scores one child in its directory (re-using a result.json left by an interrupted run).</summary>
    public ChildOutcome EvaluateOne(ChildTask task, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var dir = ChildFiles.Directory(_root, task.Trial);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return _trainer.Evaluate(task, dir, threads, cancellationToken);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
            {
                if (attempt <= Retries)
                {
                    continue;
                }

                return ChildOutcome.Failed(task, $"{ex.GetType().Name}: {ex.Message} (after {attempt} {(attempt == 1 ? "attempt" : "attempts")})");
            }
        }
    }
}
