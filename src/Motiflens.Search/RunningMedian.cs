namespace Motiflens.Search;

/// <summary>
/// The median of a growing set of values in O(log n) per added value: the lower half in a max-heap, the upper half in
/// a min-heap, the lower half never smaller than the upper and at most one larger. Even counts give the mean of the
/// two middle values, as numpy's median does.
/// </summary>
public sealed class RunningMedian
{
    private readonly PriorityQueue<double, double> _lower = new(Comparer<double>.Create((a, b) => b.CompareTo(a)));
    private readonly PriorityQueue<double, double> _upper = new();

    /// <summary>Number of values added.</summary>
    public int Count => _lower.Count + _upper.Count;

    /// <summary>The median of the values added so far (NaN when none).</summary>
    public double Median => Count == 0 ? double.NaN
        : _lower.Count > _upper.Count ? _lower.Peek()
        : 0.5 * (_lower.Peek() + _upper.Peek());

    /// <summary>Adds a value (NaN is rejected: it has no place in an order).</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("a median of NaN is undefined", nameof(value));
        }

        if (_lower.Count == 0 || value <= _lower.Peek())
        {
            _lower.Enqueue(value, value);
        }
        else
        {
            _upper.Enqueue(value, value);
        }

        if (_lower.Count > _upper.Count + 1)
        {
            double moved = _lower.Dequeue();
            _upper.Enqueue(moved, moved);
        }
        else if (_upper.Count > _lower.Count)
        {
            double moved = _upper.Dequeue();
            _lower.Enqueue(moved, moved);
        }
    }
}
