using System.Globalization;
using System.Text;
using Motiflens.IO;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.History;

/// <summary>
/// Reads the BioNAS / AMBER <c>train_history.csv</c>: <c>ID,"[acc, knowledge, loss]",reward,layer1,...</c> with layer
/// strings such as <c>conv1d:{'filters': 3, 'kernel_size': 8, 'activation': 'relu'}</c>, mapping each layer onto the
/// option of <paramref name="space"/> it names. Fields after the last searchable layer (e.g. the output) are ignored.
/// </summary>
public static class BioNasHistoryReader
{
    /// <summary>Reads every row as an ok <see cref="ChildRecord"/>; the replicate is the row's count among equal architectures.</summary>
    public static IReadOnlyList<ChildRecord> Read(string path, ModelSpace space)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(space);
        string[] lines = InputFiles.ReadAllLines(path, "the history");

        var records = new List<ChildRecord>();
        var replicates = new Dictionary<Architecture, int>();
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNo = i + 1;
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var fields = SplitFields(lines[i]);
            if (!int.TryParse(fields[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int id))
            {
                if (records.Count == 0 && i == 0)
                {
                    continue; // a header row
                }

                throw new InputException(path, lineNo, $"expected an integer trial ID, found '{fields[0]}'");
            }

            if (fields.Count < 3 + space.Layers.Count)
            {
                throw new InputException(path, lineNo,
                    $"expected ID, [acc, knowledge, loss], reward and {space.Layers.Count} layer strings, found {fields.Count} fields");
            }

            var metrics = ParseList(fields[1]);
            if (metrics is null || metrics.Length < 3)
            {
                throw new InputException(path, lineNo, $"expected \"[acc, knowledge, loss]\", found '{fields[1]}'");
            }

            if (!double.TryParse(fields[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double reward))
            {
                throw new InputException(path, lineNo, $"expected a numeric reward, found '{fields[2]}'");
            }

            var tokens = new int[space.Layers.Count];
            for (int layer = 0; layer < space.Layers.Count; layer++)
            {
                var field = fields[3 + layer].Trim();
                try
                {
                    tokens[layer] = MatchOption(space, layer, field);
                }
                catch (FormatException ex)
                {
                    throw new InputException(path, lineNo, $"layer {layer + 1}: {ex.Message}");
                }
            }

            var arch = new Architecture(tokens);
            replicates.TryGetValue(arch, out int replicate);
            replicates[arch] = replicate + 1;
            records.Add(new ChildRecord
            {
                Trial = id,
                Replicate = replicate,
                Tokens = tokens,
                Layers = space.LayerStrings(arch),
                Loss = metrics[2],
                Knowledge = metrics[1],
                Reward = reward,
                Metrics = new Dictionary<string, double> { ["accuracy"] = metrics[0] },
                Status = ChildStatus.Ok,
            });
        }

        return records;
    }

    /// <summary>The option index of <paramref name="layer"/> named by a BioNAS layer string.</summary>
    internal static int MatchOption(ModelSpace space, int layer, string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? text : text[..colon]).Trim().Trim('\'', '"');
        var kind = ModelSpaceReader.KindOf(name, out bool identity);
        if (kind is null && !identity)
        {
            throw new FormatException($"unknown layer type '{name}' in '{text}'");
        }

        var values = colon < 0 ? new Dictionary<string, string>() : ParseDict(text[(colon + 1)..]);
        var known = ModelSpaceReader.ParametersOf(kind);
        var given = values.Where(kv => known.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

        // A recorded layer matches an option of the same kind whose parameters agree with every parameter the
        // record states (records often omit defaults such as the pool stride, or add Keras-only keys).
        var matches = new List<int>();
        var options = space.Layers[layer].Options;
        for (int i = 0; i < options.Count; i++)
        {
            if (options[i].Type == kind && Agrees(options[i], given))
            {
                matches.Add(i);
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new FormatException($"'{text}' matches no option of layer '{space.Layers[layer].Name}' ({string.Join(", ", options.Select(o => o.Label))})"),
            _ => throw new FormatException($"'{text}' matches several options of layer '{space.Layers[layer].Name}': {string.Join(", ", matches.Select(m => options[m].Label))}"),
        };
    }

    private static bool Agrees(Operation operation, Dictionary<string, string> given)
    {
        if (operation.Layer is not { } option)
        {
            return given.Count == 0;
        }

        foreach (var (key, value) in given)
        {
            bool ok = key switch
            {
                "filters" => IntIs(value, option.Filters),
                "kernel_size" => IntIs(value, option.KernelSize),
                "pool_size" => IntIs(value, option.PoolSize),
                "stride" => IntIs(value, option.Stride),
                "units" => IntIs(value, option.Units),
                "activation" => ModelSpaceReader.ActivationOf(value) == option.Activation,
                "padding" => string.Equals(value, option.Padding.ToString(), StringComparison.OrdinalIgnoreCase),
                "rate" => DoubleIs(value, option.Rate),
                "fraction" => DoubleIs(value, option.Fraction),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IntIs(string s, int expected)
    {
        // Keras writes tuples for 1-d sizes: (8,) — take the first number.
        var t = s.Trim('(', ')', '[', ']', ' ', ',');
        int comma = t.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            t = t[..comma];
        }

        return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v == expected;
    }

    private static bool DoubleIs(string s, double expected) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && Math.Abs(v - expected) < 1e-9;

    /// <summary>Parses a Python dict literal such as <c>{'filters': 3, 'kernel_size': 8}</c> into canonical keys and raw values.</summary>
    private static Dictionary<string, string> ParseDict(string text)
    {
        var result = new Dictionary<string, string>();
        var t = text.Trim();
        if (t.StartsWith('{'))
        {
            t = t[1..];
        }

        if (t.EndsWith('}'))
        {
            t = t[..^1];
        }

        foreach (var item in SplitTopLevel(t, ','))
        {
            int colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = item[..colon].Trim().Trim('\'', '"');
            var value = item[(colon + 1)..].Trim().Trim('\'', '"');
            result[ModelSpaceReader.CanonicalParameter(key)] = value;
        }

        return result;
    }

    private static double[]? ParseList(string text)
    {
        var t = text.Trim().Trim('"').Trim();
        if (!t.StartsWith('[') || !t.EndsWith(']'))
        {
            return null;
        }

        var parts = t[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>Splits a CSV line on commas outside double quotes and outside (), [] and {} brackets.</summary>
    internal static List<string> SplitFields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        int depth = 0;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (ch == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }

                continue;
            }

            if (!quoted)
            {
                if (ch is '[' or '{' or '(')
                {
                    depth++;
                }
                else if (ch is ']' or '}' or ')')
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if (ch == ',' && depth == 0)
                {
                    fields.Add(current.ToString());
                    current.Clear();
                    continue;
                }
            }

            current.Append(ch);
        }

        fields.Add(current.ToString());
        return fields;
    }

    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch is '[' or '{' or '(')
            {
                depth++;
            }
            else if (ch is ']' or '}' or ')')
            {
                depth--;
            }
            else if (ch == separator && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }
}
