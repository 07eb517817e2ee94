namespace Motiflens.Engine.Training;

/// <summary>An in-memory <see cref="ISupervisedData"/> over row-major codes (N, L) and targets (N, T).</summary>
public sealed class ArraySupervisedData : ISupervisedData
{
    private readonly byte[] _codes;
    private readonly float[] _targets;

    /// <param name="codes">(N, L) codes; a code ≥ <paramref name="channels"/> is an all-zero row.</param>
    /// <param name="targets">(N, T) targets.</param>
    /// <param name="count">N.</param>
    /// <param name="length">L.</param>
    /// <param name="channels">C (4 for DNA).</param>
    /// <param name="tasks">T.</param>
    public ArraySupervisedData(byte[] codes, float[] targets, int count, int length, int channels, int tasks)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(targets);
        if (count < 0 || length < 1 || channels < 1 || tasks < 1)
        {
            throw new ArgumentException($"invalid sizes N={count}, L={length}, C={channels}, T={tasks}");
        }

        if (codes.LongLength != (long)count * length || targets.LongLength != (long)count * tasks)
        {
            throw new ArgumentException($"codes ({codes.Length}) and targets ({targets.Length}) do not match (N={count}, L={length}) and (N, T={tasks})");
        }

        _codes = codes;
        _targets = targets;
        Count = count;
        Length = length;
        Channels = channels;
        Tasks = tasks;
    }

    public int Count { get; }

    public int Length { get; }

    public int Channels { get; }

    public int Tasks { get; }

    public void FillBatch(ReadOnlySpan<int> rows, Span<byte> codes, Span<float> targets)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            _codes.AsSpan(r * Length, Length).CopyTo(codes.Slice(i * Length, Length));
            _targets.AsSpan(r * Tasks, Tasks).CopyTo(targets.Slice(i * Tasks, Tasks));
        }
    }
}
