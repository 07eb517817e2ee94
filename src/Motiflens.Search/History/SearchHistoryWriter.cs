using System.Text;

namespace Motiflens.Search.History;

/// <summary>
/// Appends <see cref="ChildRecord"/>s to a JSON Lines history, one line per child, flushed to disk after each, so a
/// killed search loses at most the line being written. Opening an existing history first cuts off a truncated
/// last line. Thread-safe.
/// </summary>
public sealed class SearchHistoryWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();

    private SearchHistoryWriter(FileStream stream, IReadOnlyList<ChildRecord> existing, IReadOnlyList<string> warnings)
    {
        _stream = stream;
        Existing = existing;
        Warnings = warnings;
    }

    /// <summary>The records already in the file when it was opened.</summary>
    public IReadOnlyList<ChildRecord> Existing { get; }

    /// <summary>Warnings from reading the existing file.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Opens (creating if needed) <paramref name="path"/> for appending.</summary>
    public static SearchHistoryWriter Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var read = SearchHistory.Read(path);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (stream.Length != read.IntactLength)
        {
            stream.SetLength(read.IntactLength);
        }

        stream.Seek(0, SeekOrigin.End);
        return new SearchHistoryWriter(stream, read.Records, read.Warnings);
    }

    /// <summary>Appends one record and flushes it to disk.</summary>
    public void Append(ChildRecord record)
    {
        var bytes = Encoding.UTF8.GetBytes(SearchHistory.ToJsonLine(record) + "\n");
        lock (_gate)
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _stream.Dispose();
}
