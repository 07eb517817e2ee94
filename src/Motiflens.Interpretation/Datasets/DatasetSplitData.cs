using Motiflens.Engine.Training;
using Motiflens.Genomics.Datasets;

namespace Motiflens.Interpretation.Datasets;

/// <summary>
/// A <see cref="DatasetSplit"/> seen by the engine as <see cref="ISupervisedData"/>: codes (N, L) with
/// A, C, G, T = 0..3 (N = 4, or any code ≥ <see cref="Channels"/>, is an all-zero input row) and targets (N, T).
/// Batches are copied from the split; nothing is held twice.
/// </summary>
public sealed class DatasetSplitData : ISupervisedData
{
    private readonly DatasetSplit _split;

    /// <param name="split">The split to train or evaluate on.</param>
    /// <param name="channels">C, the model's input channels (4 for DNA).</param>
    public DatasetSplitData(DatasetSplit split, int channels = Genomics.Alphabet.Size)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        _split = split;
        Channels = channels;
    }

    public int Count => _split.Count;

    public int Length => _split.Length;

    public int Channels { get; }

    public int Tasks => _split.Tasks;

    public void FillBatch(ReadOnlySpan<int> rows, Span<byte> codes, Span<float> targets)
    {
        int l = _split.Length;
        for (int i = 0; i < rows.Length; i++)
        {
            _split.Sequence(rows[i]).CopyTo(codes.Slice(i * l, l));
        }

        _split.FillTargets(rows, targets);
    }
}
