namespace Motiflens.Genomics.Datasets;

/// <summary>
/// One split (train, valid or test) of a <see cref="SequenceDataset"/>: N sequences of length L held as
/// byte codes (see <see cref="Alphabet"/>), their targets (N, T), and for simulated data the ground truth.
/// One-hot input is produced per batch with <see cref="FillOneHot(ReadOnlySpan{int}, Span{float})"/>, never for
/// the whole split.
/// </summary>
public sealed class DatasetSplit
{
    /// <summary>Creates a split and checks that every array matches (N, L) and (N, T).</summary>
    /// <param name="name">"train", "valid" or "test" (any name is kept as is).</param>
    /// <param name="count">N, the number of sequences.</param>
    /// <param name="length">L, the sequence length.</param>
    /// <param name="tasks">T, the number of targets per sequence.</param>
    /// <param name="codes">(N, L) codes, row-major.</param>
    /// <param name="targets">(N, T) targets, row-major.</param>
    /// <param name="pwm">(N, L, 4) generating probabilities, or null.</param>
    /// <param name="embeddings">(N) texts "start:name:strand;...", or null.</param>
    public DatasetSplit(string name, int count, int length, int tasks, byte[] codes, float[] targets, float[]? pwm = null, string[]? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(tasks);
        if (codes.LongLength != (long)count * length)
        {
            throw new ArgumentException($"codes has {codes.LongLength} elements, expected N*L = {(long)count * length}", nameof(codes));
        }

        if (targets.LongLength != (long)count * tasks)
        {
            throw new ArgumentException($"targets has {targets.LongLength} elements, expected N*T = {(long)count * tasks}", nameof(targets));
        }

        if (pwm is not null && pwm.LongLength != (long)count * length * Alphabet.Size)
        {
            throw new ArgumentException($"pwm has {pwm.LongLength} elements, expected N*L*4 = {(long)count * length * Alphabet.Size}", nameof(pwm));
        }

        if (embeddings is not null && embeddings.Length != count)
        {
            throw new ArgumentException($"embeddings has {embeddings.Length} elements, expected N = {count}", nameof(embeddings));
        }

        Name = name;
        Count = count;
        Length = length;
        Tasks = tasks;
        Codes = codes;
        Targets = targets;
        Pwm = pwm;
        Embeddings = embeddings;
    }

    public string Name { get; }

    /// <summary>N, the number of sequences.</summary>
    public int Count { get; }

    /// <summary>L, the length of every sequence.</summary>
    public int Length { get; }

    /// <summary>T, the number of targets (labels) per sequence.</summary>
    public int Tasks { get; }

    /// <summary>(N, L) byte codes, row-major: A = 0, C = 1, G = 2, T = 3, N = 4.</summary>
    public byte[] Codes { get; }

    /// <summary>(N, T) targets, row-major.</summary>
    public float[] Targets { get; }

    /// <summary>(N, L, 4) ground-truth generating probabilities (0.25 rows for background), or null for real data.</summary>
    public float[]? Pwm { get; }

    /// <summary>Per sequence the embedded motifs as "start:name:strand" joined by ';' (empty when none), or null.</summary>
    public string[]? Embeddings { get; }

    /// <summary>The codes (L) of sequence <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Sequence(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Codes.AsSpan(index * Length, Length);
    }

    /// <summary>The targets (T) of sequence <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Target(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Targets.AsSpan(index * Tasks, Tasks);
    }

    /// <summary>The ground truth (L, 4) of sequence <paramref name="index"/>; throws when the split has none.</summary>
    public ReadOnlySpan<float> PwmOf(int index)
    {
        if (Pwm is null)
        {
            throw new InvalidOperationException($"split '{Name}' has no ground-truth pwm");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pwm.AsSpan(index * Length * Alphabet.Size, Length * Alphabet.Size);
    }

    /// <summary>Writes the one-hot encoding of the sequences <paramref name="rows"/> into <paramref name="destination"/> (rows, L, 4).</summary>
    public void FillOneHot(ReadOnlySpan<int> rows, Span<float> destination)
    {
        int stride = Length * Alphabet.Size;
        if (destination.Length < rows.Length * stride)
        {
            throw new ArgumentException($"destination needs {rows.Length * stride} elements for {rows.Length} rows", nameof(destination));
        }

        for (int r = 0; r < rows.Length; r++)
        {
            Alphabet.OneHot(Sequence(rows[r]), destination.Slice(r * stride, stride));
        }
    }

    /// <summary>Writes the one-hot encoding of sequences start..start+count-1 into <paramref name="destination"/> (count, L, 4).</summary>
    public void FillOneHot(int start, int count, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count);
        int stride = Length * Alphabet.Size;
        if (destination.Length < count * stride)
        {
            throw new ArgumentException($"destination needs {count * stride} elements for {count} rows", nameof(destination));
        }

        Alphabet.OneHot(Codes.AsSpan(start * Length, count * Length), destination);
    }

    /// <summary>Writes the targets of <paramref name="rows"/> into <paramref name="destination"/> (rows, T).</summary>
    public void FillTargets(ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (destination.Length < rows.Length * Tasks)
        {
            throw new ArgumentException($"destination needs {rows.Length * Tasks} elements", nameof(destination));
        }

        for (int r = 0; r < rows.Length; r++)
        {
            Target(rows[r]).CopyTo(destination.Slice(r * Tasks, Tasks));
        }
    }

    /// <summary>A new split holding only <paramref name="rows"/> (in that order), ground truth included.</summary>
    public DatasetSplit Subset(string name, ReadOnlySpan<int> rows)
    {
        var codes = new byte[rows.Length * Length];
        var targets = new float[rows.Length * Tasks];
        var pwm = Pwm is null ? null : new float[rows.Length * Length * Alphabet.Size];
        var emb = Embeddings is null ? null : new string[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            Sequence(rows[r]).CopyTo(codes.AsSpan(r * Length, Length));
            Target(rows[r]).CopyTo(targets.AsSpan(r * Tasks, Tasks));
            if (pwm is not null)
            {
                PwmOf(rows[r]).CopyTo(pwm.AsSpan(r * Length * Alphabet.Size));
            }

            if (emb is not null)
            {
                emb[r] = Embeddings![rows[r]];
            }
        }

        return new DatasetSplit(name, rows.Length, Length, Tasks, codes, targets, pwm, emb);
    }
}
