using System.Globalization;
using Motiflens.Engine.Spec;

namespace Motiflens.Search.Spaces;

/// <summary>
/// One candidate operation of a model-space layer, e.g. <c>conv1d(filters=3,kernel=14,relu)</c>. Only the fields
/// of its <see cref="Kind"/> are meaningful; equal operations compare equal.
/// </summary>
public sealed record Operation
{
    public required OperationKind Kind { get; init; }

    public int Filters { get; init; }

    public int KernelSize { get; init; }

    public PaddingMode Padding { get; init; } = PaddingMode.Valid;

    public int PoolSize { get; init; }

    public int Stride { get; init; }

    public int Units { get; init; }

    public ActivationKind Activation { get; init; } = ActivationKind.Linear;

    /// <summary>Dropout probability.</summary>
    public double Rate { get; init; }

    /// <summary>Sparse-k: fraction of each sample's activations kept.</summary>
    public double Fraction { get; init; } = 0.2;

    /// <summary>Whether the operation adds nothing to the child network.</summary>
    public bool IsIdentity => Kind == OperationKind.Identity;

    /// <summary>The readable layer string used in histories and reports, e.g. <c>maxpool1d(size=8,stride=8)</c>.</summary>
    public string Label => Kind switch
    {
        OperationKind.Conv1d => $"conv1d(filters={Filters},kernel={KernelSize},{Act(Activation)}{(Padding == PaddingMode.Same ? ",same" : string.Empty)})",
        OperationKind.DenovoConv1d => $"denovo(filters={Filters},kernel={KernelSize}{(Padding == PaddingMode.Same ? ",same" : string.Empty)})",
        OperationKind.Identity => "identity",
        OperationKind.MaxPool1d => $"maxpool1d(size={PoolSize},stride={Stride})",
        OperationKind.AvgPool1d => $"avgpool1d(size={PoolSize},stride={Stride})",
        OperationKind.Flatten => "flatten",
        OperationKind.GlobalMaxPool1d => "globalmaxpool1d",
        OperationKind.GlobalAvgPool1d => "globalavgpool1d",
        OperationKind.Sfc => $"sfc(units={Units},{Act(Activation)})",
        OperationKind.Dense => $"dense(units={Units},{Act(Activation)})",
        OperationKind.Dropout => $"dropout(rate={Num(Rate)})",
        OperationKind.SparseK => $"sparsek(fraction={Num(Fraction)})",
        _ => Kind.ToString(),
    };

    public override string ToString() => Label;

    /// <summary>The engine layer this operation becomes, or null for identity.</summary>
    public LayerSpec? ToLayerSpec() => Kind switch
    {
        OperationKind.Identity => null,
        OperationKind.Conv1d => new LayerSpec { Type = LayerType.Conv1d, Filters = Filters, KernelSize = KernelSize, Padding = Padding, Activation = Activation },
        OperationKind.DenovoConv1d => new LayerSpec { Type = LayerType.DenovoConv1d, Filters = Filters, KernelSize = KernelSize, Padding = Padding, Activation = ActivationKind.Sigmoid },
        OperationKind.MaxPool1d => new LayerSpec { Type = LayerType.MaxPool1d, PoolSize = PoolSize, Stride = Stride },
        OperationKind.AvgPool1d => new LayerSpec { Type = LayerType.AvgPool1d, PoolSize = PoolSize, Stride = Stride },
        OperationKind.Flatten => new LayerSpec { Type = LayerType.Flatten },
        OperationKind.GlobalMaxPool1d => new LayerSpec { Type = LayerType.GlobalMaxPool1d },
        OperationKind.GlobalAvgPool1d => new LayerSpec { Type = LayerType.GlobalAvgPool1d },
        OperationKind.Sfc => new LayerSpec { Type = LayerType.Sfc, Units = Units, Activation = Activation },
        OperationKind.Dense => new LayerSpec { Type = LayerType.Dense, Units = Units, Activation = Activation },
        OperationKind.Dropout => new LayerSpec { Type = LayerType.Dropout, Rate = Rate },
        OperationKind.SparseK => new LayerSpec { Type = LayerType.SparseK, Fraction = Fraction },
        _ => throw new InvalidOperationException($"unknown operation {Kind}"),
    };

    internal static string Act(ActivationKind a) => a.ToString().ToLowerInvariant();

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
