namespace Motiflens.Reporting.Reports;

/// <summary>What a report may add to what its folder holds.</summary>
public sealed record ReportOptions
{
    /// <summary>A dataset .npz: a model report (and a search report, for its best model) then shows saliency × input maps of its first positive test sequences.</summary>
    public string? Data { get; init; }

    /// <summary>Known motifs (any format MotifReader reads) to show beside the filters that match them best; a search report
    /// otherwise takes the file its search.json names.</summary>
    public string? Knowledge { get; init; }

    /// <summary>Only these motif ids or names of the knowledge file (empty: all; a search report otherwise takes its search.json's).</summary>
    public IReadOnlyList<string> Motifs { get; init; } = [];

    /// <summary>How many example attribution maps to draw.</summary>
    public int Examples { get; init; } = 3;

    /// <summary>At most this many first-layer filters drawn as logos.</summary>
    public int MaxFilters { get; init; } = 32;

    /// <summary>Threads for computing attributions.</summary>
    public int Threads { get; init; } = 1;
}
