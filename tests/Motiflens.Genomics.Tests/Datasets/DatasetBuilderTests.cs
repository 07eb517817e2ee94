using Motiflens.Genomics.Datasets;
using Motiflens.Genomics.Kmers;
using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Datasets;

public sealed class DatasetBuilderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Fixture(string name)
    {
        var path = _dir.File(name);
        if (!File.Exists(path))
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "genomics", name), path);
        }

        return path;
    }

    [Fact]
    public void FromBed_CentresWindowsLabelsTasksAndHoldsOutChromosomes()
    {
        var genomePath = Fixture("genome.fa");
        var ds = DatasetBuilder.FromBed(
            [Fixture("peaks_a.bed"), Fixture("peaks_b.bed")],
            genomePath,
            new DatasetBuildOptions(Length: 100, TestChromosomes: ["chr8"], ValidChromosomes: ["chr9"]));
        var whole = FastaReader.ReadAll(genomePath).ToDictionary(r => r.Name, r => r.Codes);
        var train = ds.Get("train");
        Assert.Equal(6, train.Count); // chr1 x3 + chr2 from a, chr1 + chr2 from b
        Assert.Equal(1, ds.Get("test").Count);
        Assert.Equal(1, ds.Get("valid").Count);
        Assert.Equal(2, ds.Tasks);

        // First peak of a: chr1:1000-1100, centre 1050, window [1000, 1100); its centre lies in b's peak 1040-1080.
        Assert.Equal(whole["chr1"][1000..1100], train.Sequence(0).ToArray());
        Assert.Equal(new[] { 1f, 1f }, train.Target(0).ToArray());

        // chr1:2000-2200 is only in a.
        Assert.Equal(new[] { 1f, 0f }, train.Target(1).ToArray());

        // chr1:4950-5000 runs off the chromosome end: N-padded.
        Assert.Equal(Alphabet.N, train.Sequence(3)[^1]);

        // test = chr8:800-900 window [800, 900).
        Assert.Equal(whole["chr8"][800..900], ds.Get("test").Sequence(0).ToArray());
    }

    [Fact]
    public void FromBed_ChromosomeAbsentFromGenomeIsAnErrorAtTheBedLine()
    {
        var bed = _dir.Write("x.bed", "chr1\t10\t20\nchrZ\t5\t9\n");
        var ex = Assert.Throws<InputException>(() => DatasetBuilder.FromBed([bed], Fixture("genome.fa"), new DatasetBuildOptions(Length: 50)));
        Assert.StartsWith(bed + ":2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("chrZ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBed_PeakBeyondTheChromosomeEndIsAnErrorAtTheBedLine()
    {
        var bed = _dir.Write("y.bed", "chr8\t1900\t2100\n");
        var ex = Assert.Throws<InputException>(() => DatasetBuilder.FromBed([bed], Fixture("genome.fa"), new DatasetBuildOptions(Length: 50)));
        Assert.StartsWith(bed + ":1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2000 bases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBed_ShuffledNegativesKeepDinucleotidesAndTheirSourceSplit()
    {
        var ds = DatasetBuilder.FromBed(
            [Fixture("peaks_a.bed")],
            Fixture("genome.fa"),
            new DatasetBuildOptions(Length: 60, Negatives: NegativeSource.Shuffle, TestChromosomes: ["chr8"], Seed: 3));
        var test = ds.Get("test");
        Assert.Equal(2, test.Count);
        Assert.Equal(new[] { 1f, 0f }, test.Targets);
        var positive = KmerCounter.Count(test.Sequence(0), 2);
        var negative = KmerCounter.Count(test.Sequence(1), 2);
        Assert.Equal(positive, negative);
        Assert.False(test.Sequence(0).SequenceEqual(test.Sequence(1)));
    }

    [Fact]
    public void FromBed_BackgroundNegativesAvoidPeaksAndMatchGc()
    {
        var ds = DatasetBuilder.FromBed(
            [Fixture("peaks_a.bed")],
            Fixture("genome.fa"),
            new DatasetBuildOptions(Length: 100, Negatives: NegativeSource.Background, NegativeRatio: 2, Seed: 5));
        var all = ds.Splits.SelectMany(s => Enumerable.Range(0, s.Count).Select(i => (Codes: s.Sequence(i).ToArray(), Label: s.Target(i)[0]))).ToList();
        Assert.Equal(6, all.Count(x => x.Label == 1));
        var negatives = all.Where(x => x.Label == 0).ToList();
        Assert.Equal(12, negatives.Count);
        Assert.All(negatives, n => Assert.True(n.Codes.Count(c => c == Alphabet.N) <= 10));
        static double Gc(byte[] c) => (double)c.Count(b => b is 1 or 2) / Math.Max(1, c.Count(b => b < 4));
        double posGc = all.Where(x => x.Label == 1).Average(x => Gc(x.Codes));
        double negGc = negatives.Average(x => Gc(x.Codes));
        Assert.InRange(negGc, posGc - 0.05, posGc + 0.05);
    }

    [Fact]
    public void FromFasta_RandomSplitIsSeededAndMultiFileIsMultitask()
    {
        var a = _dir.Write("a.fa", string.Concat(Enumerable.Range(0, 30).Select(i => $">a{i}\nACGTACGTAC\n")));
        var b = _dir.Write("b.fa", string.Concat(Enumerable.Range(0, 10).Select(i => $">b{i}\nGGGGCCCCAA\n")));
        var o = new DatasetBuildOptions(Seed: 1);
        var d1 = DatasetBuilder.FromFasta([a, b], [], o);
        var d2 = DatasetBuilder.FromFasta([a, b], [], o);
        Assert.Equal(2, d1.Tasks);
        Assert.Equal(40, d1.Splits.Sum(s => s.Count));
        Assert.Equal((28, 4, 8), (d1.Get("train").Count, d1.Get("valid").Count, d1.Get("test").Count));
        Assert.Equal(d1.Get("test").Targets, d2.Get("test").Targets);
        Assert.Equal(d1.Get("train").Codes, d2.Get("train").Codes);
    }

    [Fact]
    public void FromFasta_UnequalLengthsNeedAFixedLength()
    {
        var a = _dir.Write("a.fa", ">x\nACGTAC\n>y\nACG\n");
        var ex = Assert.Throws<InputException>(() => DatasetBuilder.FromFasta([a], [], new DatasetBuildOptions()));
        Assert.Contains("'y'", ex.Message, StringComparison.Ordinal);
        var d = DatasetBuilder.FromFasta([a], [], new DatasetBuildOptions(Length: 4, ValidFraction: 0, TestFraction: 0));
        var train = d.Get("train");
        Assert.Equal(new[] { "ACGN", "CGTA" }, Enumerable.Range(0, 2).Select(i => Alphabet.Decode(train.Sequence(i))).Order());
    }

    [Fact]
    public void FromFasta_ChromosomeSplitReadsChromFromRecordNames()
    {
        var a = _dir.Write("a.fa", ">chr8:1-5\nACGTA\n>chr1:1-5\nACGTT\n>chr9:3-8\nGGGGG\n");
        var d = DatasetBuilder.FromFasta([a], [], new DatasetBuildOptions(TestChromosomes: ["chr8"], ValidChromosomes: ["chr9"]));
        Assert.Equal("ACGTA", Alphabet.Decode(d.Get("test").Sequence(0)));
        Assert.Equal("GGGGG", Alphabet.Decode(d.Get("valid").Sequence(0)));
        var bad = _dir.Write("b.fa", ">noname\nACGTA\n");
        Assert.StartsWith(bad + ":1:", Assert.Throws<InputException>(() => DatasetBuilder.FromFasta([bad], [], new DatasetBuildOptions(TestChromosomes: ["chr8"]))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTable_ReadsLabelsAndAddsShuffledNegativesOnlyForPositives()
    {
        var path = Fixture("deepbind.tsv");
        var d = DatasetBuilder.FromTable(path, "seq", ["Bound"], new DatasetBuildOptions(Negatives: NegativeSource.Shuffle, ValidFraction: 0, TestFraction: 0));
        var train = d.Get("train");
        Assert.Equal(12 + 6, train.Count);
        Assert.Equal(6, train.Targets.Count(v => v == 1));
        Assert.Equal(20, train.Length);
    }

    [Fact]
    public void Fit_CentreCropsAndPads()
    {
        Assert.Equal("CGT", Alphabet.Decode(DatasetBuilder.Fit(Alphabet.Encode("ACGTA"), 3)));
        Assert.Equal("NACN", Alphabet.Decode(DatasetBuilder.Fit(Alphabet.Encode("AC"), 4)));
    }
}
