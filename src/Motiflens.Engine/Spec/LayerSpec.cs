namespace Motiflens.Engine.Spec;

/// <summary>
/// One entry of a model spec's <c>layers</c> list. Only the fields of its <see cref="Type"/> are meaningful;
/// the others keep their defaults. Defaults follow PyTorch (conv stride 1, dilation 1, valid padding, bias on;
/// batchnorm eps 1e-5, momentum 0.1).
/// </summary>
public sealed record LayerSpec
{
    /// <summary>The layer type (its descriptor in <see cref="LayerCatalog"/>).</summary>
    public required LayerType Type { get; init; }

    /// <summary>Activation applied after the layer (conv1d, dense, sfc; always sigmoid for denovo_conv1d) or the activation of an activation layer.</summary>
    public ActivationKind Activation { get; init; } = ActivationKind.Linear;

    /// <summary>Output channels of a convolution.</summary>
    public int Filters { get; init; }

    public int KernelSize { get; init; }

    /// <summary>Stride of a convolution or pool (a pool's stride defaults to its <see cref="PoolSize"/>).</summary>
    public int Stride { get; init; } = 1;

    public int Dilation { get; init; } = 1;

    public PaddingMode Padding { get; init; } = PaddingMode.Valid;

    public bool UseBias { get; init; } = true;

    public int PoolSize { get; init; }

    /// <summary>Output features of dense and sfc layers.</summary>
    public int Units { get; init; }

    /// <summary>Dropout probability in [0, 1).</summary>
    public double Rate { get; init; }

    /// <summary>SFC only: share position weights between position p and L−1−p (reverse-complement symmetric).</summary>
    public bool Mirrored { get; init; }

    /// <summary>Sparse-k only: fraction of each sample's activations kept (the largest ones).</summary>
    public double Fraction { get; init; } = 0.2;

    /// <summary>BatchNorm epsilon.</summary>
    public double Eps { get; init; } = 1e-5;

    /// <summary>BatchNorm running-statistics momentum (PyTorch convention: new = (1−m)·old + m·batch).</summary>
    public double Momentum { get; init; } = 0.1;

    /// <summary>Residual only: the block; the layer's output is input + block(input).</summary>
    public IReadOnlyList<LayerSpec> Layers { get; init; } = [];

    /// <summary>The JSON <c>"type"</c> string of this layer.</summary>
    public string TypeName => Type.TypeName(this);

    /// <summary>Whether the layer holds trainable parameters or running statistics (and so has weights.npz keys).</summary>
    public bool HasParameters => Type.HasParameters;
}
