namespace Motiflens.IO;

/// <summary>
/// Reads a whole input file, turning an I/O failure (missing file or folder, permission denied, a device
/// error) into one <see cref="InputException"/>: <c>path: cannot read {what}: {reason}</c>.
/// </summary>
public static class InputFiles
{
    /// <summary>The file's text (UTF-8, a byte-order mark honoured).</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file holds, for the message, e.g. "the grid file".</param>
    public static string ReadAllText(string path, string what) => Read(path, what, File.ReadAllText);

    /// <summary>The file's lines, without their line ends.</summary>
    /// <inheritdoc cref="ReadAllText" path="/param"/>
    public static string[] ReadAllLines(string path, string what) => Read(path, what, File.ReadAllLines);

    /// <summary>The file's bytes.</summary>
    /// <inheritdoc cref="ReadAllText" path="/param"/>
    public static byte[] ReadAllBytes(string path, string what) => Read(path, what, File.ReadAllBytes);

    private static T Read<T>(string path, string what, Func<string, T> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(what);
        try
        {
            return read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, 0, $"cannot read {what}: {ex.Message}");
        }
    }
}
