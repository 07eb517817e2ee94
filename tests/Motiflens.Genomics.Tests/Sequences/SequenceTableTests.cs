using Motiflens.Genomics.Sequences;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Sequences;

public sealed class SequenceTableTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_DeepBindFormatByColumnName()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "genomics", "deepbind.tsv");
        var rows = SequenceTable.Read(path, "seq", ["Bound"], "EventID");
        Assert.Equal(12, rows.Count);
        Assert.Equal("ev0", rows[0].Name);
        Assert.Equal("GAATCGCCTGCCTATTCATA", Alphabet.Decode(rows[0].Codes));
        Assert.Equal(new[] { 0f }, rows[0].Labels);
        Assert.Equal(new[] { 1f }, rows[1].Labels);
        Assert.Equal(3, rows[1].Line);
    }

    [Fact]
    public void Read_CsvWithQuotesAndSeveralLabels()
    {
        var path = _dir.Write("t.csv", "name,sequence,a,b\n\"s1\",\"ACGU\",1,0.5\ns2,nnAC,0,2\n");
        var rows = SequenceTable.Read(path, "sequence", ["a", "b"], "name");
        Assert.Equal("ACGT", Alphabet.Decode(rows[0].Codes));
        Assert.Equal(new[] { 1f, 0.5f }, rows[0].Labels);
        Assert.Equal("NNAC", Alphabet.Decode(rows[1].Codes));
    }

    [Fact]
    public void Read_UnknownColumnBadBaseAndBadLabelAreErrors()
    {
        var path = _dir.Write("t.tsv", "seq\ty\nACGT\t1\nACXT\t0\n");
        Assert.Contains("no column 'label'", Assert.Throws<InputException>(() => SequenceTable.Read(path, "seq", ["label"])).Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ":3:", Assert.Throws<InputException>(() => SequenceTable.Read(path, "seq", ["y"])).Message, StringComparison.Ordinal);
        var bad = _dir.Write("u.tsv", "seq\ty\nACGT\tyes\n");
        Assert.StartsWith(bad + ":2:", Assert.Throws<InputException>(() => SequenceTable.Read(bad, "seq", ["y"])).Message, StringComparison.Ordinal);
    }
}
