using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Sequences;

public sealed class BedReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_ParsesIntervalsAndSkipsTrackLines()
    {
        var path = _dir.Write("p.bed", "track name=x\n# comment\nchr1\t10\t20\tpk1\t5\nchr2 30 35\n");
        var bed = BedReader.Read(path);
        Assert.Equal(2, bed.Count);
        Assert.Equal(new BedInterval("chr1", 10, 20, "pk1", 3), bed[0]);
        Assert.Equal(15, bed[0].Centre);
        Assert.Equal(("chr2", 30L, 35L, 4L), (bed[1].Chrom, bed[1].Start, bed[1].End, bed[1].Line));
    }

    [Fact]
    public void Read_StartAfterEndIsAnErrorAtThatLine()
    {
        var path = _dir.Write("p.bed", "chr1\t10\t20\nchr1\t30\t25\n");
        var ex = Assert.Throws<InputException>(() => BedReader.Read(path));
        Assert.StartsWith(path + ":2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("start 30 is greater than end 25", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooFewColumnsOrNonNumbersAreErrors()
    {
        Assert.StartsWith(_dir.File("a.bed") + ":1:", Assert.Throws<InputException>(() => BedReader.Read(_dir.Write("a.bed", "chr1\t10\n"))).Message, StringComparison.Ordinal);
        Assert.StartsWith(_dir.File("b.bed") + ":1:", Assert.Throws<InputException>(() => BedReader.Read(_dir.Write("b.bed", "chr1\t-1\t5\n"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeepsNarrowPeakSummitsAndCentresOnThem()
    {
        var path = _dir.Write("n.narrowPeak", "chr1\t100\t200\t.\t0\t.\t5.0\t-1\t-1\t30\nchr1\t300\t400\t.\t0\t.\t5.0\t-1\t-1\t-1\n");
        var bed = BedReader.Read(path);
        Assert.Equal(130, bed[0].Centre);
        Assert.Equal(350, bed[1].Centre);
        var bad = _dir.Write("b.narrowPeak", "chr1\t100\t200\t.\t0\t.\t5.0\t-1\t-1\t100\n");
        Assert.StartsWith(bad + ":1:", Assert.Throws<InputException>(() => BedReader.Read(bad)).Message, StringComparison.Ordinal);
    }
}
