namespace Motiflens.Engine;

/// <summary>
/// A dense float32 tensor in row-major (C) order. Sequence activations are channels-last
/// <c>(N, L, C)</c>, dense activations <c>(N, F)</c>; axis 0 is always the batch.
/// </summary>
/// <remarks>
/// <see cref="Data"/> may be longer than <see cref="Size"/>: engine-owned buffers are reused across
/// batches of different sizes without reallocation. Only the first <see cref="Size"/> elements are meaningful.
/// </remarks>
public sealed class Tensor
{
    private int[] _shape;

    /// <summary>Creates a zero tensor of the given shape.</summary>
    public Tensor(params int[] shape)
    {
        _shape = CheckShape(shape);
        Size = Product(_shape);
        Data = new float[Size];
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    public Tensor(float[] data, params int[] shape)
    {
        _shape = CheckShape(shape);
        Size = Product(_shape);
        if (data.Length < Size)
        {
            throw new ArgumentException($"data has {data.Length} elements; shape ({string.Join(", ", shape)}) needs {Size}", nameof(data));
        }

        Data = data;
    }

    /// <summary>The storage; the first <see cref="Size"/> elements hold the values in row-major order.</summary>
    public float[] Data { get; private set; }

    /// <summary>The shape; axis 0 is the batch for activations.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements (product of the shape).</summary>
    public int Size { get; private set; }

    /// <summary>Length of axis 0 (the batch size for activations).</summary>
    public int BatchSize => _shape.Length == 0 ? 1 : _shape[0];

    /// <summary>Elements per batch entry (product of axes 1..).</summary>
    public int SampleSize
    {
        get
        {
            int s = 1;
            for (int i = 1; i < _shape.Length; i++)
            {
                s *= _shape[i];
            }

            return s;
        }
    }

    /// <summary>The values as a span of exactly <see cref="Size"/> elements.</summary>
    public Span<float> Span => Data.AsSpan(0, Size);

    /// <summary>Length of one axis.</summary>
    public int Dim(int axis) => _shape[axis];

    /// <summary>A copy of the shape.</summary>
    public int[] ShapeArray() => (int[])_shape.Clone();

    /// <summary>Element access by full index (slow; for tests and small code paths).</summary>
    public float this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    /// <summary>A deep copy with exactly <see cref="Size"/> elements of storage.</summary>
    public Tensor Clone() => new(Data.AsSpan(0, Size).ToArray(), ShapeArray());

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Data.AsSpan(0, Size).Clear();

    /// <summary>Copies the values of <paramref name="source"/> (same size) into this tensor.</summary>
    public void CopyFrom(Tensor source)
    {
        if (source.Size != Size)
        {
            throw new ArgumentException($"size {source.Size} does not match {Size}", nameof(source));
        }

        source.Data.AsSpan(0, Size).CopyTo(Data);
    }

    /// <summary>Shape as text, e.g. "(128, 200, 4)".</summary>
    public string ShapeText() => "(" + string.Join(", ", _shape) + ")";

    /// <inheritdoc/>
    public override string ToString() => "Tensor" + ShapeText();

    /// <summary>
    /// Returns <paramref name="tensor"/> reshaped to (n, sampleShape...) reusing its storage when large enough,
    /// otherwise a new tensor. Engine buffers go through here so steady-state loops do not allocate.
    /// </summary>
    internal static Tensor Ensure(ref Tensor? tensor, int n, ReadOnlySpan<int> sampleShape)
    {
        int size = n * Product(sampleShape);
        if (tensor is not null && tensor.Rank == sampleShape.Length + 1 && tensor.Data.Length >= size)
        {
            bool same = true;
            for (int i = 0; i < sampleShape.Length; i++)
            {
                same &= tensor._shape[i + 1] == sampleShape[i];
            }

            if (same)
            {
                tensor._shape[0] = n;
                tensor.Size = size;
                return tensor;
            }
        }

        var shape = new int[sampleShape.Length + 1];
        shape[0] = n;
        sampleShape.CopyTo(shape.AsSpan(1));
        tensor = new Tensor(shape);
        return tensor;
    }

    /// <summary>Product of the lengths in <paramref name="shape"/>.</summary>
    internal static int Product(ReadOnlySpan<int> shape)
    {
        long p = 1;
        foreach (int d in shape)
        {
            p *= d;
        }

        if (p > int.MaxValue)
        {
            throw new ArgumentException("tensor too large");
        }

        return (int)p;
    }

    private static int[] CheckShape(int[] shape)
    {
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"negative dimension in shape ({string.Join(", ", shape)})", nameof(shape));
            }
        }

        return (int[])shape.Clone();
    }

    private int Offset(int[] index)
    {
        if (index.Length != _shape.Length)
        {
            throw new ArgumentException($"index has {index.Length} axes, tensor has {_shape.Length}");
        }

        int o = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
            {
                throw new IndexOutOfRangeException($"index {index[i]} out of range for axis {i} of length {_shape[i]}");
            }

            o = o * _shape[i] + index[i];
        }

        return o;
    }
}
