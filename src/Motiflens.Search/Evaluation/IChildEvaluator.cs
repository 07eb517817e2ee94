namespace Motiflens.Search.Evaluation;

/// <summary>
/// Evaluates children (trains and scores them, or looks them up). Implementations call <c>completed</c> once per
/// child as soon as it finishes (serialised, never concurrently), so the caller can record it at once; the
/// returned list is in task order. A child that cannot be evaluated is a failed outcome, never an exception.
/// </summary>
public interface IChildEvaluator
{
    IReadOnlyList<ChildOutcome> Evaluate(IReadOnlyList<ChildTask> tasks, Action<ChildOutcome> completed, CancellationToken cancellationToken);
}
