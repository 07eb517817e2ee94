namespace Motiflens.Search.Spaces;

/// <summary>The operations a model-space layer may offer. <see cref="Identity"/> adds no layer to the child.</summary>
public enum OperationKind
{
    Conv1d,

    /// <summary>The constrained "de novo" convolution of BioNAS (non-negative weights, sigmoid).</summary>
    DenovoConv1d,
    Identity,
    MaxPool1d,
    AvgPool1d,
    Flatten,
    GlobalMaxPool1d,
    GlobalAvgPool1d,

    /// <summary>Separable fully connected layer (BioNAS "sfc").</summary>
    Sfc,
    Dense,
    Dropout,
    SparseK,
}
