namespace Motiflens.Engine.Spec;

/// <summary>The kinds of layer a model spec can hold (the JSON <c>"type"</c> names are in <see cref="LayerSpec.TypeName"/>).</summary>
public enum LayerType
{
    Conv1d,
    DenovoConv1d,
    MaxPool1d,
    AvgPool1d,
    GlobalMaxPool1d,
    GlobalAvgPool1d,
    Flatten,
    Dense,
    BatchNorm,
    Dropout,
    Sfc,
    SparseK,
    Residual,

    /// <summary>A parameter-free activation layer such as <c>{"type": "relu"}</c>; see <see cref="LayerSpec.Activation"/>.</summary>
    Activation,
}
