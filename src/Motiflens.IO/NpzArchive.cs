using System.IO.Compression;

namespace Motiflens.IO;

/// <summary>
/// An open .npz archive (a zip of .npy members, stored or deflated, as written by <c>numpy.savez</c>
/// and <c>numpy.savez_compressed</c>). Arrays are read on demand by key.
/// </summary>
public sealed class NpzArchive : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);

    private NpzArchive(string path, ZipArchive zip)
    {
        Path = path;
        _zip = zip;
        foreach (var e in zip.Entries)
        {
            if (e.FullName.EndsWith('/'))
            {
                continue;
            }

            var key = e.FullName.EndsWith(".npy", StringComparison.Ordinal) ? e.FullName[..^4] : e.FullName;
            _entries[key] = e;
        }
    }

    public string Path { get; }

    /// <summary>Keys in archive order (the member names without <c>.npy</c>).</summary>
    public IReadOnlyCollection<string> Keys => _entries.Keys;

    public static NpzArchive Open(string path)
    {
        var fs = Npy.OpenForRead(path);
        try
        {
            return new NpzArchive(path, new ZipArchive(fs, ZipArchiveMode.Read, leaveOpen: false));
        }
        catch (InvalidDataException ex)
        {
            fs.Dispose();
            throw new InputException(path, 0, $"not a valid .npz (zip) archive: {ex.Message}");
        }
    }

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Reads one array; a missing key is an <see cref="InputException"/> naming the file and key.</summary>
    public NpyArray Get(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            var have = _entries.Count == 0 ? "none" : string.Join(", ", _entries.Keys);
            throw new InputException(Path, key, $"missing array (archive has: {have})");
        }

        try
        {
            using var s = entry.Open();
            return Npy.Read(s, $"{Path}: {key}");
        }
        catch (InvalidDataException ex)
        {
            throw new InputException(Path, key, $"corrupt compressed member: {ex.Message}");
        }
    }

    public NpyArray? TryGet(string key) => Contains(key) ? Get(key) : null;

    /// <summary>Reads every array of the file at <paramref name="path"/>, in archive order.</summary>
    public static IReadOnlyList<KeyValuePair<string, NpyArray>> ReadAll(string path)
    {
        using var npz = Open(path);
        return npz.Keys.Select(k => new KeyValuePair<string, NpyArray>(k, npz.Get(k))).ToList();
    }

    /// <summary>Writes <paramref name="arrays"/> atomically as an .npz, deflated when <paramref name="compress"/>.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var list = arrays.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, _) in list)
        {
            if (!seen.Add(k))
            {
                throw new ArgumentException($"duplicate npz key '{k}'");
            }
        }

        AtomicFile.Write(path, s =>
        {
            using var zip = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (key, array) in list)
            {
                var entry = zip.CreateEntry(key + ".npy", compress ? CompressionLevel.Fastest : CompressionLevel.NoCompression);

                // A fixed timestamp keeps archives byte-identical across runs.
                entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var es = entry.Open();
                Npy.Write(es, array);
            }
        });
    }

    public void Dispose() => _zip.Dispose();
}
