namespace Motiflens.IO;

/// <summary>
/// Bad user input: a file, a record in it, and what was wrong. The CLI prints <see cref="Exception.Message"/>
/// as one line and exits with code 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates "file:line: problem" (line omitted when 0 or negative).</summary>
    public InputException(string file, long line, string problem)
        : base(Format(file, line, problem))
    {
        File = file;
        Line = line;
    }

    /// <summary>Creates "file: record: problem", e.g. a key of an npz archive or a sequence name.</summary>
    public InputException(string file, string record, string problem)
        : base($"{file}: {record}: {problem}")
    {
        File = file;
        Record = record;
    }

    public InputException() : base("bad input") { }

    public string? File { get; }

    public long Line { get; }

    public string? Record { get; }

    private static string Format(string file, long line, string problem) =>
        line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}";
}
