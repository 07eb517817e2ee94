namespace Motiflens.Cli.Results;

/// <summary>
/// The --json result of <c>motiflens report</c>: the HTML file written, the kind of report, how many charts of each
/// kind it holds (keyed by chart kind), its size in bytes and the notes about what was left out.
/// </summary>
internal sealed record ReportResult(
    string Out,
    string Kind,
    IReadOnlyDictionary<string, int> Charts,
    int Bytes,
    IReadOnlyList<string> Notes);
