using Motiflens.IO;

namespace Motiflens.Reporting.Reports;

/// <summary>
/// Turns a model directory, a search run or a population directory into one self-contained HTML page (inline CSS
/// and SVG, no scripts, no network). The folder's kind is recognised by its files: population.json, history.jsonl
/// (with search.json), or model.json.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The kind of <paramref name="directory"/>; an <see cref="InputException"/> when it is none of them.</summary>
    public static ReportKind Detect(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new InputException(directory, 0, "folder not found");
        }

        if (File.Exists(Path.Combine(directory, PopulationReport.File)))
        {
            return ReportKind.Population;
        }

        if (File.Exists(Path.Combine(directory, SearchReport.HistoryFile)))
        {
            return ReportKind.Search;
        }

        if (File.Exists(Path.Combine(directory, "model.json")))
        {
            return ReportKind.Model;
        }

        throw new InputException(directory, 0, "not a model directory (model.json), a search run (history.jsonl) or a population (population.json)");
    }

    /// <summary>Builds the report of <paramref name="directory"/>. Bad or missing files are <see cref="InputException"/>s naming them.</summary>
    public static Report Build(string directory, ReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReportOptions();
        if (options.Examples < 0 || options.MaxFilters < 0 || options.Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "examples and max filters must be >= 0 and threads >= 1");
        }

        var kind = Detect(directory);
        var notes = new List<string>();
        var html = kind switch
        {
            ReportKind.Population => PopulationReport.Build(directory, options, notes),
            ReportKind.Search => SearchReport.Build(directory, options, notes, cancellationToken),
            _ => ModelReport.Build(directory, options, notes, cancellationToken),
        };
        return new Report(kind, html.ToHtml(), html.Charts, notes);
    }

    /// <summary>Builds the report and writes it to <paramref name="outputPath"/> atomically (nothing is written on error).</summary>
    public static Report Write(string directory, string outputPath, ReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        var report = Build(directory, options, cancellationToken);
        var parent = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }

        AtomicFile.WriteAllText(outputPath, report.Html);
        return report;
    }
}
