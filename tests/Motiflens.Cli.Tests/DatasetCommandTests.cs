using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Motiflens.Genomics.Datasets;

namespace Motiflens.Cli.Tests;

public sealed class DatasetCommandTests : IDisposable
{
    private readonly string _dir = CliHarness.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    private string Genome()
    {
        var p = Path.Combine(_dir, "genome.fa");
        if (!File.Exists(p))
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "genomics", "genome.fa"), p);
        }

        return p;
    }

    private static void AssertBadInput(CliResult r, string mustContain, string outPath)
    {
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains(mustContain, line, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(outPath)!, "*.tmp"));
    }

    [Fact]
    public void Fasta_WithShuffledNegativesWritesDatasetAndSummary()
    {
        var fa = Write("pos.fa", string.Concat(Enumerable.Range(0, 20).Select(i => $">s{i}\nACGTTGCAAGGCTTACGATC\n")));
        var outPath = Path.Combine(_dir, "d.npz");
        var r = CliHarness.Run("dataset", "--fasta", fa, "--out", outPath, "--json", "--seed", "2");
        Assert.Equal(0, r.ExitCode);
        var ds = SequenceDataset.Load(outPath);
        Assert.Equal(40, ds.Splits.Sum(s => s.Count));
        Assert.Equal(20, ds.Splits.Sum(s => s.Targets.Count(v => v == 1)));
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal("shuffle", doc.RootElement.GetProperty("negatives").GetString());
        Assert.Equal(20, doc.RootElement.GetProperty("length").GetInt32());
    }

    [Fact]
    public void Tsv_DeepBindByColumnName()
    {
        var outPath = Path.Combine(_dir, "t.npz");
        var tsv = Path.Combine(AppContext.BaseDirectory, "TestData", "genomics", "deepbind.tsv");
        var r = CliHarness.Run("dataset", "--tsv", tsv, "--seq-column", "seq", "--label-columns", "Bound", "--out", outPath);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(12, SequenceDataset.Load(outPath).Splits.Sum(s => s.Count));
    }

    [Fact]
    public void Bed_ChromosomeHoldOut()
    {
        var outPath = Path.Combine(_dir, "b.npz");
        var bed = Path.Combine(AppContext.BaseDirectory, "TestData", "genomics", "peaks_a.bed");
        var r = CliHarness.Run("dataset", "--bed", bed, "--genome", Genome(), "--length", "50", "--test-chroms", "chr8", "--valid-chroms", "chr9", "--out", outPath);
        Assert.Equal(0, r.ExitCode);
        var ds = SequenceDataset.Load(outPath);
        Assert.Equal(2, ds.Get("test").Count);
        Assert.Equal(2, ds.Get("valid").Count);
        Assert.Equal(8, ds.Get("train").Count);
        Assert.True(File.Exists(Genome() + ".fai"));
    }

    [Fact]
    public void TruncatedGzip_IsExit2NamingTheFile()
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $">r{i}\nACGTTGCAAGGC\n"))));
        }

        var path = Path.Combine(_dir, "t.fa.gz");
        File.WriteAllBytes(path, ms.ToArray()[..(int)(ms.Length / 2)]);
        var outPath = Path.Combine(_dir, "o.npz");
        AssertBadInput(CliHarness.Run("dataset", "--fasta", path, "--out", outPath), path, outPath);
    }

    [Fact]
    public void HeaderWithNoSequence_IsExit2WithFileAndLine()
    {
        var fa = Write("h.fa", ">a\nACGT\n>b\n>c\nACGT\n");
        var outPath = Path.Combine(_dir, "o.npz");
        AssertBadInput(CliHarness.Run("dataset", "--fasta", fa, "--out", outPath), fa + ":3:", outPath);
    }

    [Fact]
    public void NonIupacCharacter_IsExit2WithFileAndLine()
    {
        var fa = Write("x.fa", ">a\nACGT\nAC!T\n");
        var outPath = Path.Combine(_dir, "o.npz");
        AssertBadInput(CliHarness.Run("dataset", "--fasta", fa, "--out", outPath), fa + ":3:", outPath);
    }

    [Fact]
    public void BedStartAfterEnd_IsExit2WithFileAndLine()
    {
        var bed = Write("s.bed", "chr1\t10\t20\nchr1\t50\t40\n");
        var outPath = Path.Combine(_dir, "o.npz");
        AssertBadInput(CliHarness.Run("dataset", "--bed", bed, "--genome", Genome(), "--length", "20", "--out", outPath), bed + ":2:", outPath);
    }

    [Fact]
    public void BedChromosomeAbsent_IsExit2WithFileAndLine()
    {
        var bed = Write("c.bed", "chrQ\t10\t20\n");
        var outPath = Path.Combine(_dir, "o.npz");
        AssertBadInput(CliHarness.Run("dataset", "--bed", bed, "--genome", Genome(), "--length", "20", "--out", outPath), bed + ":1:", outPath);
    }

    [Fact]
    public void MemeRowNotSummingToOne_IsExit2ThroughSimulate()
    {
        var meme = Write("bad.meme", "MEME version 4\n\nMOTIF m1\nletter-probability matrix: alength= 4 w= 1\n0.5 0.5 0.5 0.5\n");
        var outPath = Path.Combine(_dir, "o.npz");
        AssertBadInput(CliHarness.Run("simulate", "--motifs", meme, "--motif-names", "m1", "--n", "10", "--out", outPath), meme + ":5:", outPath);
    }

    [Fact]
    public void TwoInputKinds_IsExit2()
    {
        var fa = Write("p.fa", ">a\nACGT\n");
        var outPath = Path.Combine(_dir, "o.npz");
        AssertBadInput(CliHarness.Run("dataset", "--fasta", fa, "--tsv", fa, "--out", outPath), "exactly one input", outPath);
    }

    [Fact]
    public void Npz_RewritesANumpyDatasetInTheStandardLayout()
    {
        var outPath = Path.Combine(_dir, "std.npz");
        var src = Path.Combine(AppContext.BaseDirectory, "TestData", "numpy", "dataset_ncl.npz");
        var r = CliHarness.Run("dataset", "--npz", src, "--out", outPath);
        Assert.Equal(0, r.ExitCode);
        using var npz = Motiflens.IO.NpzArchive.Open(outPath);
        Assert.Equal(new[] { 3, 5, 4 }, npz.Get("x_train").Shape);
        Assert.Equal(new[] { 3, 1 }, npz.Get("y_train").Shape);
    }

    [Fact]
    public void NpzMissingXTrain_IsExit2NamingFileAndKey()
    {
        var bad = Path.Combine(_dir, "nox.npz");
        Motiflens.IO.NpzArchive.Write(bad, [new("x_test", Motiflens.IO.NpyArray.FromBytes(new byte[4], 1, 1, 4)), new("y_test", Motiflens.IO.NpyArray.FromFloats([1], 1))]);
        var outPath = Path.Combine(_dir, "o.npz");
        var r = CliHarness.Run("dataset", "--npz", bad, "--out", outPath);
        AssertBadInput(r, bad + ": x_train:", outPath);
    }
}
