namespace Motiflens.Search.History;

/// <summary>The records of a history file, warnings (e.g. a dropped truncated line), and the byte length of the intact part.</summary>
public sealed record HistoryReadResult(IReadOnlyList<ChildRecord> Records, IReadOnlyList<string> Warnings, long IntactLength);
