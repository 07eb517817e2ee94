namespace Motiflens.Search.Controllers;

/// <summary>Everything needed to restore an <see cref="ArchitectureController"/> exactly (saved as JSON after every update).</summary>
public sealed record ControllerState
{
    /// <summary>The update rule's type name (e.g. "PpoUpdate").</summary>
    public required string Algorithm { get; init; }

    public required ControllerOptions Options { get; init; }

    public required IReadOnlyList<int> OptionCounts { get; init; }

    /// <summary>Updates done so far (= episodes learned from).</summary>
    public int Updates { get; init; }

    /// <summary>The moving-average reward baseline (null before the first episode).</summary>
    public double? Baseline { get; init; }

    /// <summary>Policy parameters, in <see cref="ControllerPolicy.Parameters"/> order.</summary>
    public required IReadOnlyList<double[]> Parameters { get; init; }

    public int AdamStep { get; init; }

    public required IReadOnlyList<double[]> AdamFirstMoments { get; init; }

    public required IReadOnlyList<double[]> AdamSecondMoments { get; init; }

    /// <summary>The buffer of recent episodes, oldest first.</summary>
    public required IReadOnlyList<Episode> Buffer { get; init; }
}
