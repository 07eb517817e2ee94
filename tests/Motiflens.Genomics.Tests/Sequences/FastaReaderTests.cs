using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Sequences;

public sealed class FastaReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<FastaRecord> Parse(string text, FastaReadOptions? options = null)
    {
        using var reader = new FastaReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "mem.fa", options);
        var list = new List<FastaRecord>();
        while (reader.Read() is { } r)
        {
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public void Read_JoinsMultiLineRecordsAndSplitsHeader()
    {
        var records = Parse(">seq1 some description\nACGT\nacgu\n\n>seq2\r\nNNRY\r\nA\r\n");
        Assert.Equal(2, records.Count);
        Assert.Equal("seq1", records[0].Name);
        Assert.Equal("some description", records[0].Description);
        Assert.Equal("ACGTACGT", records[0].Letters);
        Assert.Equal(1, records[0].Line);
        Assert.Equal("seq2", records[1].Name);
        Assert.Equal("NNNNA", records[1].Letters);
        Assert.Equal(5, records[1].Line);
    }

    [Fact]
    public void Read_HeaderWithNoSequenceIsAnErrorAtTheHeaderLine()
    {
        var ex = Assert.Throws<InputException>(() => Parse(">a\nACGT\n>b\n>c\nAC\n"));
        Assert.StartsWith("mem.fa:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
        Assert.Single(Parse(">a\n", new FastaReadOptions(AllowEmpty: true)));
    }

    [Fact]
    public void Read_NonIupacCharacterIsAnErrorWithLineAndColumn()
    {
        var ex = Assert.Throws<InputException>(() => Parse(">a\nACGT\nACXT\n"));
        Assert.StartsWith("mem.fa:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'X' at column 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RejectsAmbiguousBasesWhenAsked()
    {
        var ex = Assert.Throws<InputException>(() => Parse(">a\nACNT\n", new FastaReadOptions(RejectAmbiguous: true)));
        Assert.StartsWith("mem.fa:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextBeforeFirstHeaderIsAnError()
    {
        var ex = Assert.Throws<InputException>(() => Parse("\nACGT\n>a\nA\n"));
        Assert.StartsWith("mem.fa:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SkipsTrailingBlanksOnSequenceLines()
    {
        Assert.Equal("ACGTA", Parse(">a\nACGT \t\nA")[0].Letters);
    }

    [Fact]
    public void ReadAll_ReadsGzipFiles()
    {
        var path = _dir.File("x.fa.gz");
        using (var fs = File.Create(path))
        using (var gz = new GZipStream(fs, CompressionLevel.Optimal))
        {
            gz.Write(Encoding.ASCII.GetBytes(">r1\nACGT\n>r2\nGGGG\n"));
        }

        var records = FastaReader.ReadAll(path).ToList();
        Assert.Equal(new[] { "ACGT", "GGGG" }, records.Select(r => r.Letters));
    }

    [Fact]
    public void ReadAll_TruncatedGzipIsAnInputErrorNamingTheFile()
    {
        var full = new MemoryStream();
        using (var gz = new GZipStream(full, CompressionLevel.Optimal, leaveOpen: true))
        {
            var sb = new StringBuilder();
            for (int i = 0; i < 2000; i++)
            {
                sb.Append(">r").Append(i).Append("\nACGTTGCAACGGT\n");
            }

            gz.Write(Encoding.ASCII.GetBytes(sb.ToString()));
        }

        var bytes = full.ToArray();
        foreach (int keep in new[] { bytes.Length / 2, bytes.Length - 4 })
        {
            var path = _dir.File($"t{keep}.fa.gz");
            File.WriteAllBytes(path, bytes[..keep]);
            var ex = Assert.Throws<InputException>(() => FastaReader.ReadAll(path).ToList());
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("gzip", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_HandlesRecordsLongerThanTheBuffer()
    {
        var seq = new string('A', 3_000_000) + "C";
        var records = Parse(">big\n" + seq + "\n>s\nG\n");
        Assert.Equal(seq.Length, records[0].Codes.Length);
        Assert.Equal(Alphabet.C, records[0].Codes[^1]);
        Assert.Equal("G", records[1].Letters);
    }

    [Fact]
    public void WriteThenRead_RoundTripsAnyRecords()
    {
        var recordGen =
            from name in Gen.Elements("a", "chr1", "seq_2", "x.y")
            from desc in Gen.Elements("", "desc", "two words")
            from codes in Gen.ArrayOf(Gen.Choose(0, 4).Select(i => (byte)i)).Where(a => a.Length > 0)
            select new FastaRecord(name, desc, codes);
        Prop.ForAll(
            Gen.ListOf(recordGen).ToArbitrary(),
            Gen.Elements(1, 3, 60, 0).ToArbitrary(),
            (records, width) =>
            {
                var ms = new MemoryStream();
                var w = new FastaWriter(ms, width);
                foreach (var r in records)
                {
                    w.Write(r);
                }

                ms.Position = 0;
                using var reader = new FastaReader(ms, "mem");
                var back = new List<FastaRecord>();
                while (reader.Read() is { } r)
                {
                    back.Add(r);
                }

                return back.Count == records.Count
                    && back.Zip(records).All(p => p.First.Name == p.Second.Name && p.First.Description == p.Second.Description && p.First.Codes.AsSpan().SequenceEqual(p.Second.Codes));
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void WriteFile_GzipRoundTrips()
    {
        var path = _dir.File("o.fa.gz");
        FastaWriter.WriteFile(path, [FastaRecord.FromLetters("a", "ACGTN"), FastaRecord.FromLetters("b", "TT")]);
        Assert.True(InputFile.IsGzip(path));
        Assert.Equal(new[] { "ACGTN", "TT" }, FastaReader.ReadAll(path).Select(r => r.Letters));
    }
}
