namespace Motiflens.Engine.Spec;

/// <summary>
/// The named reference architectures of the PyTorch benchmark (../shared/bench/torch_bench.py), usable as
/// <c>--model bionas-small</c> or <c>--model deep</c>.
/// </summary>
public static class BuiltinModels
{
    /// <summary>The names accepted by <see cref="Get"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bionas-small", "deep"];

    /// <summary>
    /// The named architecture for one-hot input of length <paramref name="length"/> (200 in the benchmark);
    /// <paramref name="outputs"/> overrides the number of outputs (bionas-small has 1, deep 12). Null for an
    /// unknown name.
    /// </summary>
    public static ModelSpec? Get(string name, int length = 200, int? outputs = null)
    {
        ModelSpec? spec = name switch
        {
            "bionas-small" => BionasSmall(length),
            "deep" => Deep(length),
            _ => null,
        };
        return spec is not null && outputs is { } n ? spec.WithOutputs(n) : spec;
    }

    /// <summary>Conv1d(4→10, k20, valid) + ReLU → MaxPool(4) → Flatten → Dense(10) + ReLU → Dense(1) + sigmoid; BCE.</summary>
    public static ModelSpec BionasSmall(int length = 200) => new()
    {
        InputLength = length,
        Source = "builtin:bionas-small",
        Loss = LossKind.Bce,
        Layers =
        [
            new() { Type = LayerType.Conv1d, Filters = 10, KernelSize = 20, Activation = ActivationKind.Relu },
            Pool(4),
            new() { Type = LayerType.Flatten },
            new() { Type = LayerType.Dense, Units = 10, Activation = ActivationKind.Relu },
            new() { Type = LayerType.Dense, Units = 1, Activation = ActivationKind.Sigmoid },
        ],
    };

    /// <summary>
    /// Three conv blocks (32 k19, 64 k7, 96 k5; same padding; BatchNorm + ReLU; max-pools 4, 4, 2) → Flatten →
    /// Dense(256) + BatchNorm + ReLU + Dropout(0.5) → Dense(12) + sigmoid; multitask BCE.
    /// </summary>
    public static ModelSpec Deep(int length = 200) => new()
    {
        InputLength = length,
        Source = "builtin:deep",
        Loss = LossKind.Bce,
        Layers =
        [
            Conv(32, 19), new() { Type = LayerType.BatchNorm }, Relu(), Pool(4),
            Conv(64, 7), new() { Type = LayerType.BatchNorm }, Relu(), Pool(4),
            Conv(96, 5), new() { Type = LayerType.BatchNorm }, Relu(), Pool(2),
            new() { Type = LayerType.Flatten },
            new() { Type = LayerType.Dense, Units = 256 }, new() { Type = LayerType.BatchNorm }, Relu(),
            new() { Type = LayerType.Dropout, Rate = 0.5 },
            new() { Type = LayerType.Dense, Units = 12, Activation = ActivationKind.Sigmoid },
        ],
    };

    private static LayerSpec Conv(int filters, int kernel) =>
        new() { Type = LayerType.Conv1d, Filters = filters, KernelSize = kernel, Padding = PaddingMode.Same };

    private static LayerSpec Pool(int size) => new() { Type = LayerType.MaxPool1d, PoolSize = size, Stride = size };

    private static LayerSpec Relu() => new() { Type = LayerType.Activation, Activation = ActivationKind.Relu };
}
