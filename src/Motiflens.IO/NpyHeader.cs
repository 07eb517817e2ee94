namespace Motiflens.IO;

/// <summary>The header of a .npy file: element type, memory order and shape.</summary>
/// <param name="DType">The element type.</param>
/// <param name="FortranOrder">True when the data are stored column-major.</param>
/// <param name="Shape">The array shape; empty for a scalar.</param>
public sealed record NpyHeader(NpyDType DType, bool FortranOrder, int[] Shape)
{
    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public long Count => Shape.Aggregate(1L, (a, d) => a * d);
}
