using System.IO.Compression;
using System.Text;
using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Sequences;

public sealed class InputFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "genomics", name);

    [Fact]
    public void Open_ReadsMultiBlockBgzfFiles()
    {
        using var s = InputFile.Open(Fixture("bgzf.fa.gz"));
        using var r = new StreamReader(s);
        var text = r.ReadToEnd();
        Assert.Equal(40, text.Count(c => c == '>'));
        Assert.EndsWith(">r39\nACGTACGTTGCA\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TruncatedBgzfIsAnInputError()
    {
        var bytes = File.ReadAllBytes(Fixture("bgzf.fa.gz"));
        var path = _dir.File("cut.fa.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);
        var ex = Assert.Throws<InputException>(() =>
        {
            using var s = InputFile.Open(path);
            s.CopyTo(Stream.Null);
        });
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DetectsGzipByContentNotExtension()
    {
        var path = _dir.File("plain.txt");
        using (var fs = File.Create(path))
        using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
        {
            gz.Write(Encoding.ASCII.GetBytes("hello"));
        }

        using var s = InputFile.Open(path);
        Assert.Equal("hello", new StreamReader(s).ReadToEnd());
        Assert.Equal("abc", new StreamReader(InputFile.Open(_dir.Write("p.txt", "abc"))).ReadToEnd());
    }

    [Fact]
    public void Open_MissingFileIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => InputFile.Open(_dir.File("nope.fa")));
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }
}
