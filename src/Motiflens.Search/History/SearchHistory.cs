using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Motiflens.IO;

namespace Motiflens.Search.History;

/// <summary>
/// Reads search histories: JSON Lines, one <see cref="ChildRecord"/> per line. A last line cut short (the process
/// was killed mid-write) is dropped with a warning; any other bad line is an <see cref="InputException"/> "file:line".
/// </summary>
public static class SearchHistory
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>One record as its JSON line (no newline).</summary>
    public static string ToJsonLine(ChildRecord record) => JsonSerializer.Serialize(record, JsonOptions);

    /// <summary>Reads <paramref name="path"/>; a missing file is an empty history.</summary>
    public static HistoryReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return new HistoryReadResult([], [], 0);
        }

        byte[] bytes = InputFiles.ReadAllBytes(path, "the history");

        var records = new List<ChildRecord>();
        var warnings = new List<string>();
        long validEnd = 0;
        int start = 0;
        int line = 0;
        while (start < bytes.Length)
        {
            line++;
            int nl = Array.IndexOf(bytes, (byte)'\n', start);
            bool complete = nl >= 0;
            int end = complete ? nl : bytes.Length;
            var text = Encoding.UTF8.GetString(bytes, start, end - start).TrimEnd('\r');
            int next = complete ? nl + 1 : bytes.Length;
            if (text.Trim().Length == 0)
            {
                if (complete)
                {
                    validEnd = next;
                }

                start = next;
                continue;
            }

            ChildRecord? record = null;
            string? problem = null;
            try
            {
                record = JsonSerializer.Deserialize<ChildRecord>(text, JsonOptions);
                if (record is null)
                {
                    problem = "expected a child record, found null";
                }
            }
            catch (JsonException ex)
            {
                problem = $"expected a child record (JSON object), found invalid JSON: {ex.Message}";
            }

            if (problem is not null || !complete)
            {
                if (!complete)
                {
                    // A record is always written with its newline in one flush, so a missing newline means the
                    // writer was killed mid-line: the record never happened.
                    warnings.Add($"{path}:{line}: ignoring a truncated last record (the search was interrupted while writing it)");
                    break;
                }

                throw new InputException(path, line, problem!);
            }

            if (record!.Tokens.Count != record.Layers.Count)
            {
                throw new InputException(path, line, $"expected as many layer strings as tokens, found {record.Layers.Count} and {record.Tokens.Count}");
            }

            records.Add(record);
            validEnd = next;
            start = next;
        }

        var seen = new HashSet<int>();
        foreach (var r in records)
        {
            if (!seen.Add(r.Trial))
            {
                throw new InputException(path, "trial " + r.Trial, "appears twice in the history");
            }
        }

        return new HistoryReadResult(records, warnings, validEnd);
    }

    /// <summary>Reads a history in either format: JSON Lines (.jsonl/.json) or the BioNAS train_history.csv (.csv).</summary>
    public static HistoryReadResult ReadAny(string path, Spaces.ModelSpace space)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? new HistoryReadResult(BioNasHistoryReader.Read(path, space), [], 0)
            : Read(path);
    }
}
