namespace Motiflens.Engine.Layers;

/// <summary>Convolution padding mode (PyTorch's padding="valid" / "same").</summary>
public enum Padding
{
    /// <summary>No padding: output length floor((L − dilation·(k−1) − 1) / stride) + 1.</summary>
    Valid,

    /// <summary>
    /// Output length L (stride 1): total padding dilation·(k−1), left = total/2, right = the rest, as PyTorch.
    /// </summary>
    Same,
}
