namespace Motiflens.Reporting.Reports;

/// <summary>The kinds of folder <see cref="ReportBuilder"/> can report on.</summary>
public enum ReportKind
{
    /// <summary>A trained model directory (model.json, weights.npz, training.tsv, metrics.json).</summary>
    Model,

    /// <summary>A search run (search.json, history.jsonl, children/, best/).</summary>
    Search,

    /// <summary>A model population (population.json and one model directory per model).</summary>
    Population,
}
