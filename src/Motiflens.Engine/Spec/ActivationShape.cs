namespace Motiflens.Engine.Spec;

/// <summary>
/// The shape of one sample's activation between layers: (channels, length) for sequence-shaped data, i.e.
/// (N, C, L) in PyTorch layout, or a flat feature vector (N, F) after flatten / global pooling.
/// </summary>
public sealed record ActivationShape(int Channels, int Length, bool IsFlat)
{
    public static ActivationShape Sequence(int channels, int length) => new(channels, length, false);

    public static ActivationShape Flat(int features) => new(features, 1, true);

    /// <summary>Number of values per sample.</summary>
    public int Size => IsFlat ? Channels : Channels * Length;

    public override string ToString() => IsFlat ? $"({Channels})" : $"({Channels}, {Length})";
}
