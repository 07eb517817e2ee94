using Motiflens.Engine.Training;
using Motiflens.Interpretation.Knowledge;
using Motiflens.Interpretation.Metrics;

namespace Motiflens.Search.Evaluation;

/// <summary>How the <see cref="LocalEvaluator"/> trains and scores children.</summary>
public sealed record LocalEvaluatorOptions
{
    /// <summary>Training settings of every child (its seed and threads are set per child).</summary>
    public TrainingOptions Training { get; init; } = new() { Epochs = 20, Patience = 5, LearningRate = 0.01 };

    /// <summary>
    /// Re-initialisations (with derived seeds) of a child whose validation loss stays within
    /// <see cref="LearnedMargin"/> of the constant predictor's: it never started learning.
    /// </summary>
    public int Restarts { get; init; } = 2;

    /// <summary>Relative improvement over the constant predictor's validation loss that counts as having learned.</summary>
    public double LearnedMargin { get; init; } = 0.01;

    /// <summary>Children trained at the same time.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Threads in total, shared out evenly among the parallel children.</summary>
    public int Threads { get; init; } = 1;

    public KnowledgeOptions Knowledge { get; init; } = KnowledgeOptions.Default;

    /// <summary>Compute the multi-scale KLD of saliency maps on validation positives (needed when μ ≠ 0).</summary>
    public bool ComputeKld { get; init; }

    /// <summary>At most this many validation positives are attributed for the KLD.</summary>
    public int KldSequences { get; init; } = 500;

    /// <summary>Length weights of the multi-scale KLD (null: the defaults). Not kept in a run's evaluation.json, so cluster workers always use the defaults.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LengthWeights? LengthWeights { get; init; }
}
