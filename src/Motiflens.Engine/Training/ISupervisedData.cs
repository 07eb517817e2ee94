namespace Motiflens.Engine.Training;

/// <summary>
/// Labelled examples for training and evaluation, as the engine sees them: N samples, each a sequence of
/// <see cref="Length"/> categorical codes over <see cref="Channels"/> symbols (one-hot input (N, L, C)), and
/// <see cref="Tasks"/> targets. The engine knows nothing about DNA; a genomics dataset implements this.
/// </summary>
public interface ISupervisedData
{
    /// <summary>N, the number of samples.</summary>
    int Count { get; }

    /// <summary>L, the sequence length.</summary>
    int Length { get; }

    /// <summary>C, the alphabet size (number of one-hot channels).</summary>
    int Channels { get; }

    /// <summary>T, the number of targets per sample.</summary>
    int Tasks { get; }

    /// <summary>
    /// Copies the samples <paramref name="rows"/> into <paramref name="codes"/> (rows.Length, L) — a code ≥
    /// <see cref="Channels"/> means an all-zero one-hot row (e.g. N) — and <paramref name="targets"/> (rows.Length, T).
    /// </summary>
    void FillBatch(ReadOnlySpan<int> rows, Span<byte> codes, Span<float> targets);
}
