namespace Motiflens.IO;

/// <summary>
/// An n-dimensional array as stored in a .npy file, held in C (row-major) order. <see cref="Data"/> is a
/// typed .NET array matching <see cref="DType"/>: bool[], byte[], sbyte[], int[], long[], float[], double[]
/// or string[] (for <c>&lt;U</c>; trailing NULs removed).
/// </summary>
public sealed class NpyArray
{
    public NpyArray(NpyDType dtype, int[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException("negative dimension", nameof(shape));
            }

            n *= d;
        }

        if (n != data.LongLength)
        {
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {n} elements but data has {data.LongLength}");
        }

        var expected = ElementType(dtype.Kind);
        if (data.GetType().GetElementType() != expected)
        {
            throw new ArgumentException($"dtype {dtype} needs a {expected.Name}[] but got {data.GetType().Name}");
        }

        DType = dtype;
        Shape = shape;
        Data = data;
    }

    public NpyDType DType { get; }

    public int[] Shape { get; }

    public Array Data { get; }

    public int Rank => Shape.Length;

    public long Length => Data.LongLength;

    public static NpyArray FromFloats(float[] data, params int[] shape) => new(new NpyDType(NpyKind.Float32), shape, data);

    public static NpyArray FromDoubles(double[] data, params int[] shape) => new(new NpyDType(NpyKind.Float64), shape, data);

    public static NpyArray FromBytes(byte[] data, params int[] shape) => new(new NpyDType(NpyKind.UInt8), shape, data);

    public static NpyArray FromInts(int[] data, params int[] shape) => new(new NpyDType(NpyKind.Int32), shape, data);

    public static NpyArray FromLongs(long[] data, params int[] shape) => new(new NpyDType(NpyKind.Int64), shape, data);

    /// <summary>A 1-D <c>&lt;U</c> array, its width the longest string (at least 1).</summary>
    public static NpyArray FromStrings(IReadOnlyList<string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int width = 1;
        foreach (var s in data)
        {
            width = Math.Max(width, s.EnumerateRunes().Count());
        }

        return new NpyArray(new NpyDType(NpyKind.Unicode, width), [data.Count], data.ToArray());
    }

    public static Type ElementType(NpyKind kind) => kind switch
    {
        NpyKind.Bool => typeof(bool),
        NpyKind.UInt8 => typeof(byte),
        NpyKind.Int8 => typeof(sbyte),
        NpyKind.Int32 => typeof(int),
        NpyKind.Int64 => typeof(long),
        NpyKind.Float32 => typeof(float),
        NpyKind.Float64 => typeof(double),
        NpyKind.Unicode => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The data as float32 (a copy unless already float32). Strings throw.</summary>
    public float[] ToFloat32()
    {
        switch (Data)
        {
            case float[] f: return f;
            case double[] d: return Array.ConvertAll(d, v => (float)v);
            // byte[] and sbyte[] each pass the other's run-time type test (array covariance): use the dtype.
            case sbyte[] sb when DType.Kind == NpyKind.Int8: return Array.ConvertAll(sb, v => (float)v);
            case byte[] b: return Array.ConvertAll(b, v => (float)v);
            case int[] i: return Array.ConvertAll(i, v => (float)v);
            case long[] l: return Array.ConvertAll(l, v => (float)v);
            case bool[] bo: return Array.ConvertAll(bo, v => v ? 1f : 0f);
            default: throw new InvalidOperationException($"cannot convert {DType} to float32");
        }
    }

    /// <summary>The data as float64 (always a copy).</summary>
    public double[] ToFloat64()
    {
        switch (Data)
        {
            case double[] d: return (double[])d.Clone();
            case float[] f: return Array.ConvertAll(f, v => (double)v);
            case sbyte[] sb when DType.Kind == NpyKind.Int8: return Array.ConvertAll(sb, v => (double)v);
            case byte[] b: return Array.ConvertAll(b, v => (double)v);
            case int[] i: return Array.ConvertAll(i, v => (double)v);
            case long[] l: return Array.ConvertAll(l, v => (double)v);
            case bool[] bo: return Array.ConvertAll(bo, v => v ? 1.0 : 0.0);
            default: throw new InvalidOperationException($"cannot convert {DType} to float64");
        }
    }

    /// <summary>The typed data; throws when the element type differs.</summary>
    public T[] Get<T>() =>
        Data.GetType().GetElementType() == typeof(T) // exact: "as byte[]" would also accept an sbyte[] (array covariance)
            ? (T[])Data
            : throw new InvalidOperationException($"array is {DType}, not {typeof(T).Name}");

    public string ShapeString => "(" + string.Join(", ", Shape) + (Shape.Length == 1 ? ",)" : ")");
}
