namespace Motiflens.Engine.Spec;

/// <summary>Convolution padding: <see cref="Valid"/> (none) or <see cref="Same"/> (output length = input length, stride 1).</summary>
public enum PaddingMode
{
    Valid,
    Same,
}
