using FsCheck;
using FsCheck.Fluent;
using Motiflens.Genomics.Motifs;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Motifs;

public class MotifReaderTests
{
    [SharedDataFact]
    public void Read_JasparMemeFileParsesAll518Motifs()
    {
        var motifs = MotifReader.Read(SharedData.File("JASPAR_CORE_2016_vertebrates.meme"));
        Assert.Equal(518, motifs.Count);
        var runx = motifs[0];
        Assert.Equal("MA0002.2", runx.Id);
        Assert.Equal("RUNX1", runx.Name);
        Assert.Equal(11, runx.Width);
        Assert.Equal(2000, runx.Sites);
        Assert.Equal(0.1435, runx[0, 0], 4);
        Assert.StartsWith("http://jaspar.genereg.net", runx.Url, StringComparison.Ordinal);
        Assert.Contains(motifs, m => m.Name == "CTCF" && m.Width == 19);
    }

    [SharedDataFact]
    public void Read_JasparPfmFileParsesAll519Motifs()
    {
        var motifs = MotifReader.Read(SharedData.File("JASPAR_CORE_2016_vertebrates_pfm.txt"));
        Assert.Equal(519, motifs.Count);
        Assert.Equal("MA0002.2", motifs[0].Id);
        Assert.Equal("RUNX1", motifs[0].Name);
        // Column 1 counts A 287, C 496, G 696, T 521.
        Assert.Equal(287.0 / 2000, motifs[0][0, 0], 9);
        Assert.Equal(521.0 / 2000, motifs[0][0, 3], 9);
    }

    [SharedDataFact]
    public void Read_EncodeMotifsGzParsesAll2067Motifs()
    {
        var motifs = MotifReader.Read(SharedData.File("encode_motifs.txt.gz"));
        Assert.Equal(2067, motifs.Count);
        Assert.Equal(14, motifs.Single(m => m.Id == "MYC_known1").Width);
        Assert.Equal(19, motifs.Single(m => m.Id == "CTCF_known1").Width);
        Assert.Equal("CACGTG", motifs.Single(m => m.Id == "MYC_known1").Consensus()[4..10]);
    }

    [Fact]
    public void Detect_RecognisesEveryFormat()
    {
        Assert.Equal(MotifFormat.Meme, MotifReader.Detect(["MEME version 4"]));
        Assert.Equal(MotifFormat.Jaspar, MotifReader.Detect([">MA1 X", "A [ 1 2 ]"]));
        Assert.Equal(MotifFormat.Encode, MotifReader.Detect([">X_known1", "A 1 0 0 0"]));
        Assert.Equal(MotifFormat.Homer, MotifReader.Detect([">ACGT\tname\t5.0", "0.97 0.01 0.01 0.01"]));
        Assert.Equal(MotifFormat.Pfm, MotifReader.Detect([">MA1 X", "4 19 0 0 0 0"]));
        Assert.Equal(MotifFormat.Pfm, MotifReader.Detect(["4 19 0 0 0 0"]));
        Assert.Equal(MotifFormat.Transfac, MotifReader.Detect(["AC M00001", "XX"]));
        Assert.Null(MotifReader.Detect(["hello world"]));
    }

    [Fact]
    public void Parse_MemeWithTabsMissingWidthAndLogOddsBlock()
    {
        const string text = "MEME version 4\n\nALPHABET= ACGT\nstrands: +\n\nBackground letter frequencies\nA 0.3 C 0.2 G 0.2 T 0.3\n\n" +
            "MOTIF m1\nlog-odds matrix: alength= 4 w= 2\n1 -1 -1 -1\n-1 1 -1 -1\n" +
            "letter-probability matrix:\n1\t0\t0\t0\n0 0 0.5 0.5\nURL http://x\n";
        var m = Assert.Single(MotifReader.Parse(text, "t.meme"));
        Assert.Equal("m1", m.Id);
        Assert.Equal(2, m.Width);
        Assert.Equal(0.5, m[1, 3]);
        Assert.Equal("http://x", m.Url);
    }

    [Fact]
    public void Parse_MemeRowNotSummingToOneIsAnErrorAtThatLine()
    {
        const string text = "MEME version 4\n\nMOTIF m1\nletter-probability matrix: alength= 4 w= 2\n0.25 0.25 0.25 0.25\n0.5 0.5 0.5 0\n";
        var ex = Assert.Throws<InputException>(() => MotifReader.Parse(text, "bad.meme"));
        Assert.StartsWith("bad.meme:6:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MemeWidthDisagreeingWithRowsIsAnErrorAtTheMatrixLine()
    {
        const string fewer = "MEME version 4\n\nMOTIF m1\nletter-probability matrix: alength= 4 w= 3\n0.25 0.25 0.25 0.25\n1 0 0 0\n\nMOTIF m2\n";
        var ex = Assert.Throws<InputException>(() => MotifReader.Parse(fewer, "w.meme"));
        Assert.StartsWith("w.meme:4:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("w= 3", ex.Message, StringComparison.Ordinal);
        const string more = "MEME version 4\nMOTIF m1\nletter-probability matrix: alength= 4 w= 1\n0.25 0.25 0.25 0.25\n1 0 0 0\n";
        ex = Assert.Throws<InputException>(() => MotifReader.Parse(more, "w.meme"));
        Assert.StartsWith("w.meme:3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TransfacUsesTheColumnOrderOfTheP0Line()
    {
        const string text = "AC M00001\nXX\nID V$MYOD_01\nXX\nP0      T      G      C      A\n01      0      0      0      10      A\n02      0      5      5      0      S\nXX\n//\n";
        var m = Assert.Single(MotifReader.Parse(text, "t.dat"));
        Assert.Equal("M00001", m.Id);
        Assert.Equal("V$MYOD_01", m.Name);
        Assert.Equal(1.0, m[0, Alphabet.A]);
        Assert.Equal(0.5, m[1, Alphabet.C]);
    }

    [Fact]
    public void Parse_HomerTakesTheNameFromTheSecondField()
    {
        const string text = ">CACGTG\tMYC(bHLH)/test\t6.5\n0.01 0.97 0.01 0.01\n0.97 0.01 0.01 0.01\n";
        var m = Assert.Single(MotifReader.Parse(text, "h.motif"));
        Assert.Equal("MYC(bHLH)/test", m.Id);
        Assert.Equal("CA", m.Consensus());
    }

    [Fact]
    public void Parse_BarePfmWithoutHeaderUsesCounts()
    {
        var m = Assert.Single(MotifReader.Parse("1 3\n1 0\n1 0\n1 1\n", "x.pfm", pseudocount: 1));
        Assert.Equal(2.0 / 8, m[0, 0], 12);
        Assert.Equal(4.0 / 8, m[1, 0], 12);
    }

    [Fact]
    public void Parse_JasparRowWithBadNumberIsAnError()
    {
        var ex = Assert.Throws<InputException>(() => MotifReader.Parse(">MA1 X\nA [ 1 2 ]\nC [ 1 x ]\nG [ 1 2 ]\nT [ 1 2 ]\n", "j.txt"));
        Assert.StartsWith("j.txt:3:", ex.Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Select_FindsByIdOrNameAndReportsUnknownNames()
    {
        var motifs = MotifReader.Read(SharedData.File("JASPAR_CORE_2016_vertebrates.meme"));
        var chosen = MotifReader.Select(motifs, ["ctcf", "MA0002.2"], "db.meme");
        Assert.Equal(new[] { "CTCF", "RUNX1" }, chosen.Select(m => m.Name));
        var ex = Assert.Throws<InputException>(() => MotifReader.Select(motifs, ["NOPE"], "db.meme"));
        Assert.Contains("NOPE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemeWriteThenRead_RoundTripsAnyMotifs()
    {
        var motifGen =
            from w in Gen.Choose(1, 12)
            from cells in Gen.ArrayOf(Gen.Choose(1, 1000), w * 4)
            from sites in Gen.Choose(1, 500)
            select new PositionWeightMatrix("m" + w, "n" + sites, cells.Select(c => (double)c).ToArray(), sites);
        Prop.ForAll(
            Gen.NonEmptyListOf(motifGen).ToArbitrary(),
            motifs =>
            {
                var back = MotifReader.Parse(MemeWriter.ToText(motifs), "rt.meme");
                return back.Count == motifs.Count && back.Zip(motifs).All(p =>
                    p.First.Id == p.Second.Id && p.First.Name == p.Second.Name && p.First.Width == p.Second.Width && p.First.Sites == p.Second.Sites
                    && Enumerable.Range(0, p.First.Width * 4).All(i => Math.Abs(p.First.Probabilities[i] - p.Second.Probabilities[i]) < 2e-6));
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_MemeVersion5CustomDnaAlphabetBlock()
    {
        const string text = "MEME version 5\n\nALPHABET \"DNA\" DNA-LIKE\nA \"Adenine\" CC0000 ~ T \"Thymine\" 008000\nC \"Cytosine\" 0000CC ~ G \"Guanine\" FFB300\nEND ALPHABET\n\n" +
            "MOTIF 1 ACG MEME-1\nletter-probability matrix: alength= 4 w= 1 nsites= 7 E= 1.2e-010\n 0.1 0.2 0.3 0.4\n";
        var m = Assert.Single(MotifReader.Parse(text, "v5.meme"));
        Assert.Equal(("1", "ACG", 7.0, 1.2e-10), (m.Id, m.Name, m.Sites!.Value, m.EValue!.Value));
        Assert.Equal(0.4, m[0, 3], 12);
    }

    [Fact]
    public void Parse_MemeProteinAlphabetIsRejected()
    {
        var ex = Assert.Throws<InputException>(() => MotifReader.Parse("MEME version 4\nALPHABET= ACDEFGHIKLMNPQRSTVWY\n", "p.meme"));
        Assert.StartsWith("p.meme:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EncodeRowWithoutFourProbabilitiesIsAnError()
    {
        var ex = Assert.Throws<InputException>(() => MotifReader.Parse(">X_known1\nA 1 0 0 0\nC 0 1 0\n", "e.txt"));
        Assert.StartsWith("e.txt:3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JasparTransfacExport()
    {
        const string text = "AC MA0002.2\nXX\nID RUNX1\nXX\nDE MA0002.2 RUNX1 ; From JASPAR\nPO\tA\tC\tG\tT\n01\t1.0\t3.0\t0.0\t0.0\n02\t0\t0\t4\t0\nXX\nCC tax_group:vertebrates\nXX\n//\n" +
            "AC MA0003.3\nXX\nID TFAP2A\nXX\nPO\tA\tC\tG\tT\n01\t0\t0\t0\t2\nXX\n//\n";
        var motifs = MotifReader.Parse(text, "j.transfac");
        Assert.Equal(new[] { "MA0002.2", "MA0003.3" }, motifs.Select(m => m.Id));
        Assert.Equal(new[] { "RUNX1", "TFAP2A" }, motifs.Select(m => m.Name));
        Assert.Equal("CG", motifs[0].Consensus());
    }

    [Fact]
    public void Parse_PfmWithPositionRowsOfFourCounts()
    {
        var m = Assert.Single(MotifReader.Parse(">m1 name\n10 0 0 0\n0 0 5 5\n0 0 0 1\n", "p.pfm", MotifFormat.Pfm));
        Assert.Equal(3, m.Width);
        Assert.Equal("AKT", m.Consensus());
    }
}
