namespace Motiflens.Reporting.Reports;

/// <summary>A finished report: what it is about, the page, and the kinds of its charts in page order.</summary>
public sealed record Report(ReportKind Kind, string Html, IReadOnlyList<string> Charts, IReadOnlyList<string> Notes);
