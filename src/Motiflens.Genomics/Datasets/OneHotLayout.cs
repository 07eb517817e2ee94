namespace Motiflens.Genomics.Datasets;

/// <summary>How the one-hot arrays <c>x_*</c> of a dataset file are laid out.</summary>
public enum OneHotLayout
{
    /// <summary>Detect the axis of size 4; when both axes have size 4 (L == 4), assume (N, L, 4).</summary>
    Auto,

    /// <summary>(N, L, 4): Motiflens's and Keras's layout.</summary>
    LengthChannels,

    /// <summary>(N, 4, L): PyTorch's and the Koo-lab h5 files' layout.</summary>
    ChannelsLength,
}
