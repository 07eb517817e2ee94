namespace Motiflens.Engine.Layers;

/// <summary>How a dense (one-hot or float) input's gradient dL/dx is computed; see <see cref="Kernels.Conv1dInputGradient"/>.</summary>
internal enum Conv1dInputGradientKind
{
    /// <summary>Stride 1, dilation 1: one GEMM of the zero-framed dy against the tap-flipped weights.</summary>
    FlippedGemm,

    /// <summary>Stride 1, dilation 1 and fewer than 8 input channels: Z = dY·Wᵀ (wide k·in rows), then col2im.</summary>
    ColumnScatter,

    /// <summary>Otherwise: one GEMM per kernel tap, accumulated at the tap's (strided, dilated) offset.</summary>
    PerTapGemm,
}
