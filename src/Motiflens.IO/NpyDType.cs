namespace Motiflens.IO;

/// <summary>The element types Motiflens reads and writes in .npy files (little-endian only).</summary>
public enum NpyKind
{
    Bool,
    UInt8,
    Int8,
    Int32,
    Int64,
    Float32,
    Float64,

    /// <summary>Fixed-width UTF-32 strings, numpy's <c>&lt;U{n}</c>.</summary>
    Unicode,
}

/// <summary>An element type with its width (the width matters only for <see cref="NpyKind.Unicode"/>).</summary>
/// <param name="Kind">The element kind.</param>
/// <param name="UnicodeWidth">Characters per element for <c>&lt;U{n}</c>; 0 otherwise.</param>
public readonly record struct NpyDType(NpyKind Kind, int UnicodeWidth = 0)
{
    /// <summary>Bytes per element.</summary>
    public int ItemSize => Kind switch
    {
        NpyKind.Bool or NpyKind.UInt8 or NpyKind.Int8 => 1,
        NpyKind.Int32 or NpyKind.Float32 => 4,
        NpyKind.Int64 or NpyKind.Float64 => 8,
        NpyKind.Unicode => 4 * UnicodeWidth,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The numpy descr string, e.g. <c>&lt;f4</c>.</summary>
    public string Descr => Kind switch
    {
        NpyKind.Bool => "|b1",
        NpyKind.UInt8 => "|u1",
        NpyKind.Int8 => "|i1",
        NpyKind.Int32 => "<i4",
        NpyKind.Int64 => "<i8",
        NpyKind.Float32 => "<f4",
        NpyKind.Float64 => "<f8",
        NpyKind.Unicode => $"<U{UnicodeWidth}",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Parses a numpy descr; returns null with a reason for anything unsupported.</summary>
    public static NpyDType? TryParse(string descr, out string? problem)
    {
        problem = null;
        if (descr.Length < 3)
        {
            problem = $"unsupported dtype '{descr}'";
            return null;
        }

        char order = descr[0];
        char code = descr[1];
        var rest = descr[2..];
        if (order == '>' && rest != "1")
        {
            problem = $"big-endian dtype '{descr}' is not supported; convert with arr.astype(arr.dtype.newbyteorder('<'))";
            return null;
        }

        if (order is not ('<' or '|' or '=' or '>'))
        {
            problem = $"unsupported dtype '{descr}'";
            return null;
        }

        switch (code, rest)
        {
            case ('b', "1"): return new NpyDType(NpyKind.Bool);
            case ('?', "1"): return new NpyDType(NpyKind.Bool);
            case ('u', "1"): return new NpyDType(NpyKind.UInt8);
            case ('i', "1"): return new NpyDType(NpyKind.Int8);
            case ('i', "4"): return new NpyDType(NpyKind.Int32);
            case ('i', "8"): return new NpyDType(NpyKind.Int64);
            case ('f', "4"): return new NpyDType(NpyKind.Float32);
            case ('f', "8"): return new NpyDType(NpyKind.Float64);
            case ('U', _) when int.TryParse(rest, out var w) && w >= 0:
                return new NpyDType(NpyKind.Unicode, w);
            case ('O', _):
                problem = "object arrays (pickled Python objects) are never loaded; save numeric or fixed-width string arrays";
                return null;
            default:
                problem = $"unsupported dtype '{descr}' (supported: bool, uint8, int8, int32, int64, float32, float64, <U)";
                return null;
        }
    }

    public override string ToString() => Descr;
}
