using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Sequences;

public sealed class IndexedGenomeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string CopyGenome()
    {
        var path = _dir.File("genome.fa");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "genomics", "genome.fa"), path);
        return path;
    }

    [Fact]
    public void Open_CreatesAFaiIndexLikeSamtools()
    {
        var path = CopyGenome();
        using var genome = IndexedGenome.Open(path);
        Assert.True(File.Exists(path + ".fai"));
        var lines = File.ReadAllLines(path + ".fai");
        Assert.Equal("chr1\t5000\t22\t60\t61", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(3000, genome.LengthOf("chr2"));
        Assert.Equal(-1, genome.LengthOf("chrX"));
    }

    [Fact]
    public void Fetch_MatchesTheSequenceReadWhole()
    {
        var path = CopyGenome();
        var whole = FastaReader.ReadAll(path).ToDictionary(r => r.Name, r => r.Codes);
        using var genome = IndexedGenome.Open(path);
        foreach (var (chrom, start, end) in new[] { ("chr1", 0L, 1L), ("chr1", 59L, 61L), ("chr1", 1000L, 1200L), ("chr2", 90L, 160L), ("chr9", 1940L, 2000L), ("chr8", 0L, 2000L) })
        {
            Assert.Equal(whole[chrom][(int)start..(int)end], genome.Fetch(chrom, start, end));
        }

        // Reopening uses the saved index and gives the same bases.
        using var again = IndexedGenome.Open(path);
        Assert.Equal(whole["chr9"][100..300], again.Fetch("chr9", 100, 300));
    }

    [Fact]
    public void Fetch_PadsWithNOutsideTheChromosome()
    {
        var path = CopyGenome();
        var whole = FastaReader.ReadAll(path).First(r => r.Name == "chr8").Codes;
        using var genome = IndexedGenome.Open(path);
        var w = genome.Fetch("chr8", -3, 2);
        Assert.Equal(new byte[] { 4, 4, 4, whole[0], whole[1] }, w);
        var e = genome.Fetch("chr8", 1998, 2001);
        Assert.Equal(new byte[] { whole[1998], whole[1999], 4 }, e);
    }

    [Fact]
    public void BuildIndex_RejectsRecordsWithUnevenLines()
    {
        var path = _dir.Write("bad.fa", ">a\nACGT\nAC\nACGT\n");
        var ex = Assert.Throws<InputException>(() => IndexedGenome.Open(path));
        Assert.StartsWith(path + ":3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RejectsGzipGenomes()
    {
        var path = _dir.File("g.fa.gz");
        FastaWriter.WriteFile(path, [FastaRecord.FromLetters("c", "ACGT")]);
        var ex = Assert.Throws<InputException>(() => IndexedGenome.Open(path));
        Assert.Contains("uncompressed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fetch_HandlesCrlfFiles()
    {
        var path = _dir.Write("crlf.fa", ">a x\r\nACG\r\nTTG\r\nC\r\n>b\r\nGG\r\n");
        using var genome = IndexedGenome.Open(path);
        Assert.Equal("CGTTGC", Alphabet.Decode(genome.Fetch("a", 1, 7)));
        Assert.Equal("GG", Alphabet.Decode(genome.Fetch("b", 0, 2)));
    }
}
