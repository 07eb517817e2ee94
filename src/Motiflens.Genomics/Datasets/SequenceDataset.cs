using System.IO.Compression;
using Motiflens.IO;

namespace Motiflens.Genomics.Datasets;

/// <summary>
/// A dataset as stored in one .npz (docs/formats.md): per split <c>x_{split}</c> one-hot (N, L, 4) uint8 and
/// <c>y_{split}</c> (N, T) float32; simulated data add <c>pwm_{split}</c> (N, L, 4) float32,
/// <c>embeddings_{split}</c> (N) strings and <c>motif_names</c>. Sequences are held as byte codes.
/// </summary>
public sealed class SequenceDataset
{
    /// <summary>The canonical split names, in file order.</summary>
    public static readonly IReadOnlyList<string> StandardSplits = ["train", "valid", "test"];

    private readonly List<DatasetSplit> _splits;

    /// <summary>Creates a dataset from splits (which must share L and T).</summary>
    public SequenceDataset(IEnumerable<DatasetSplit> splits, IReadOnlyList<string>? motifNames = null, string source = "<dataset>")
    {
        ArgumentNullException.ThrowIfNull(splits);
        _splits = splits.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _splits)
        {
            if (!names.Add(s.Name))
            {
                throw new ArgumentException($"duplicate split '{s.Name}'", nameof(splits));
            }

            if (s.Length != _splits[0].Length || s.Tasks != _splits[0].Tasks)
            {
                throw new ArgumentException(
                    $"split '{s.Name}' is (L={s.Length}, T={s.Tasks}) but '{_splits[0].Name}' is (L={_splits[0].Length}, T={_splits[0].Tasks})",
                    nameof(splits));
            }
        }

        MotifNames = motifNames?.ToArray();
        Source = source;
    }

    /// <summary>The splits in file order (train, valid, test first).</summary>
    public IReadOnlyList<DatasetSplit> Splits => _splits;

    /// <summary>The motif names of a simulated dataset, or null.</summary>
    public string[]? MotifNames { get; }

    /// <summary>The file this dataset was loaded from (used in error messages).</summary>
    public string Source { get; }

    /// <summary>L, the sequence length (0 when there are no splits).</summary>
    public int Length => _splits.Count > 0 ? _splits[0].Length : 0;

    /// <summary>T, the number of targets.</summary>
    public int Tasks => _splits.Count > 0 ? _splits[0].Tasks : 0;

    public bool Contains(string name) => _splits.Exists(s => s.Name == name);

    /// <summary>The split called <paramref name="name"/>; a missing split is an <see cref="InputException"/> naming file and key.</summary>
    public DatasetSplit Get(string name) =>
        _splits.Find(s => s.Name == name)
        ?? throw new InputException(Source, $"x_{name}", $"missing split '{name}' (dataset has: {(_splits.Count == 0 ? "none" : string.Join(", ", _splits.Select(s => s.Name)))})");

    public DatasetSplit? TryGet(string name) => _splits.Find(s => s.Name == name);

    /// <summary>
    /// Loads a dataset .npz. <c>x_*</c> may be (N, L, 4) or (N, 4, L) (see <paramref name="layout"/>) of
    /// uint8, bool, int or float; every row must be one-hot or all-zero (an all-0.25 row is also read as N).
    /// <c>y_*</c> may be (N, T) or (N). <c>x_train</c> is required.
    /// </summary>
    public static SequenceDataset Load(string path, OneHotLayout layout = OneHotLayout.Auto)
    {
        using var npz = NpzArchive.Open(path);
        if (!npz.Contains("x_train"))
        {
            throw new InputException(path, "x_train", $"missing array: a dataset needs x_train (archive has: {(npz.Keys.Count == 0 ? "none" : string.Join(", ", npz.Keys))})");
        }

        var splitNames = new List<string>();
        foreach (var s in StandardSplits)
        {
            if (npz.Contains("x_" + s))
            {
                splitNames.Add(s);
            }
        }

        foreach (var k in npz.Keys)
        {
            if (k.StartsWith("x_", StringComparison.Ordinal) && k.Length > 2 && !splitNames.Contains(k[2..]))
            {
                splitNames.Add(k[2..]);
            }
        }

        var splits = new List<DatasetSplit>();
        using (var zip = ZipFile.OpenRead(path))
        {
            foreach (var name in splitNames)
            {
                splits.Add(LoadSplit(npz, zip, path, name, layout));
            }
        }

        for (int i = 1; i < splits.Count; i++)
        {
            if (splits[i].Length != splits[0].Length)
            {
                throw new InputException(path, $"x_{splits[i].Name}", $"sequence length {splits[i].Length} differs from x_{splits[0].Name}'s {splits[0].Length}");
            }

            if (splits[i].Tasks != splits[0].Tasks)
            {
                throw new InputException(path, $"y_{splits[i].Name}", $"{splits[i].Tasks} targets per sequence differ from y_{splits[0].Name}'s {splits[0].Tasks}");
            }
        }

        string[]? motifNames = null;
        if (npz.TryGet("motif_names") is { } mn)
        {
            motifNames = mn.Data as string[] ?? throw new InputException(path, "motif_names", $"expected a string array, found {mn.DType}");
        }

        return new SequenceDataset(splits, motifNames, path);
    }

    private static DatasetSplit LoadSplit(NpzArchive npz, ZipArchive zip, string path, string name, OneHotLayout layout)
    {
        string xKey = "x_" + name;
        var (n, length, codes) = LoadCodes(npz, zip, path, xKey, layout);

        string yKey = "y_" + name;
        if (!npz.Contains(yKey))
        {
            throw new InputException(path, yKey, $"missing array: {xKey} needs its targets {yKey}");
        }

        var y = npz.Get(yKey);
        if (y.DType.Kind == NpyKind.Unicode)
        {
            throw new InputException(path, yKey, "expected numeric targets, found strings");
        }

        if (y.Rank is not (1 or 2) || y.Shape[0] != n)
        {
            throw new InputException(path, yKey, $"expected shape ({n}, T) or ({n},) to match {xKey}, found {y.ShapeString}");
        }

        int tasks = y.Rank == 1 ? 1 : y.Shape[1];
        var targets = y.ToFloat32();

        float[]? pwm = null;
        string pKey = "pwm_" + name;
        if (npz.TryGet(pKey) is { } p)
        {
            var (pn, pl, pFirst) = OneHotShape(p.Shape, path, pKey, layout);
            if (pn != n || pl != length)
            {
                throw new InputException(path, pKey, $"expected shape ({n}, {length}, 4) to match {xKey}, found {p.ShapeString}");
            }

            pwm = p.DType.Kind == NpyKind.Unicode
                ? throw new InputException(path, pKey, "expected numbers, found strings")
                : ToLengthChannels(p.ToFloat32(), n, length, pFirst);
        }

        string[]? embeddings = null;
        string eKey = "embeddings_" + name;
        if (npz.TryGet(eKey) is { } e)
        {
            if (e.Data is not string[] strings || e.Rank != 1 || e.Shape[0] != n)
            {
                throw new InputException(path, eKey, $"expected a string array of shape ({n},), found {e.DType} {e.ShapeString}");
            }

            embeddings = strings;
        }

        return new DatasetSplit(name, n, length, tasks, codes, targets, pwm, embeddings);
    }

    /// <summary>
    /// Decodes x_* into codes. Common C-order dtypes are streamed from the archive a few sequences at a time;
    /// anything else goes through <see cref="NpzArchive.Get"/> (which also reports unsupported dtypes).
    /// </summary>
    private static (int N, int Length, byte[] Codes) LoadCodes(NpzArchive npz, ZipArchive zip, string path, string key, OneHotLayout layout)
    {
        var entry = zip.GetEntry(key + ".npy") ?? zip.GetEntry(key);
        if (entry is not null)
        {
            try
            {
                using var stream = entry.Open();
                if (OneHotNpy.ReadHeader(stream, $"{path}: {key}") is { Shape.Length: 3 } header)
                {
                    var (n, length, first) = OneHotShape(header.Shape, path, key, layout);
                    var codes = new byte[(long)n * length];
                    OneHotNpy.Decode(stream, header, n, length, first, codes, path, key);
                    return (n, length, codes);
                }
            }
            catch (InvalidDataException ex)
            {
                throw new InputException(path, key, $"corrupt compressed member: {ex.Message}");
            }
        }

        var x = npz.Get(key);
        var (n2, length2, first2) = OneHotShape(x.Shape, path, key, layout);
        var codes2 = new byte[(long)n2 * length2];
        OneHotDecoder.Decode(x, n2, length2, first2, codes2, path, key);
        return (n2, length2, codes2);
    }

    private static (int N, int Length, bool ChannelsFirst) OneHotShape(int[] shape, string path, string key, OneHotLayout layout)
    {
        string shown = "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");
        if (shape.Length != 3)
        {
            throw new InputException(path, key, $"expected a 3-D one-hot array (N, L, 4) or (N, 4, L), found shape {shown}");
        }

        bool first = layout switch
        {
            OneHotLayout.LengthChannels => false,
            OneHotLayout.ChannelsLength => true,
            _ => shape[2] != 4 && shape[1] == 4,
        };
        int channels = first ? shape[1] : shape[2];
        if (channels != Alphabet.Size)
        {
            throw new InputException(path, key, $"expected 4 channels (A, C, G, T) in shape (N, L, 4) or (N, 4, L), found {shown}");
        }

        return (shape[0], first ? shape[2] : shape[1], first);
    }

    private static float[] ToLengthChannels(float[] data, int n, int length, bool channelsFirst)
    {
        if (!channelsFirst)
        {
            return data;
        }

        var result = new float[data.Length];
        for (int s = 0; s < n; s++)
        {
            int b = s * length * Alphabet.Size;
            for (int a = 0; a < Alphabet.Size; a++)
            {
                for (int i = 0; i < length; i++)
                {
                    result[b + (i * Alphabet.Size) + a] = data[b + (a * length) + i];
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Writes the dataset as .npz (deflated unless <paramref name="compress"/> is false): <c>x_*</c> uint8
    /// (N, L, 4), <c>y_*</c> float32 (N, T), <c>pwm_*</c> float32 (N, L, 4), <c>embeddings_*</c> and
    /// <c>motif_names</c> as &lt;U strings. Atomic and byte-identical for identical data; the one-hot arrays
    /// are streamed from the codes, never built whole.
    /// </summary>
    public void Save(string path, bool compress = true)
    {
        var level = compress ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
        AtomicFile.Write(path, s =>
        {
            using var zip = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var split in _splits)
            {
                Member(zip, "x_" + split.Name, level, es => OneHotNpy.Write(es, split.Codes, split.Count, split.Length));
                Member(zip, "y_" + split.Name, level, es => Npy.Write(es, NpyArray.FromFloats(split.Targets, split.Count, split.Tasks)));
                if (split.Pwm is not null)
                {
                    Member(zip, "pwm_" + split.Name, level, es => Npy.Write(es, NpyArray.FromFloats(split.Pwm, split.Count, split.Length, Alphabet.Size)));
                }

                if (split.Embeddings is not null)
                {
                    Member(zip, "embeddings_" + split.Name, level, es => Npy.Write(es, NpyArray.FromStrings(split.Embeddings)));
                }
            }

            if (MotifNames is not null)
            {
                Member(zip, "motif_names", level, es => Npy.Write(es, NpyArray.FromStrings(MotifNames)));
            }
        });
    }

    private static void Member(ZipArchive zip, string key, CompressionLevel level, Action<Stream> write)
    {
        var entry = zip.CreateEntry(key + ".npy", level);

        // A fixed timestamp keeps archives byte-identical across runs.
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var es = entry.Open();
        write(es);
    }
}
