using FsCheck;
using FsCheck.Fluent;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;

namespace Motiflens.Genomics.Tests.Datasets;

public sealed class SequenceDatasetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "motiflens-ds-" + Guid.NewGuid().ToString("N"));

    public SequenceDatasetTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DatasetSplit Split(string name, string[] seqs, float[] y, int tasks, bool truth = false)
    {
        int l = seqs[0].Length;
        var codes = seqs.SelectMany(s => Alphabet.Encode(s)).ToArray();
        float[]? pwm = null;
        string[]? emb = null;
        if (truth)
        {
            pwm = new float[seqs.Length * l * 4];
            for (int i = 0; i < pwm.Length; i++)
            {
                pwm[i] = (i % 7) / 7f;
            }

            emb = seqs.Select((_, i) => i == 0 ? "3:MYC:+" : "").ToArray();
        }

        return new DatasetSplit(name, seqs.Length, l, tasks, codes, y, pwm, emb);
    }

    [Fact]
    public void SaveThenLoad_PreservesEverySplitAndGroundTruth()
    {
        var ds = new SequenceDataset(
            [
                Split("train", ["ACGTN", "TTTTA", "GGCCA"], [1, 0, 0, 1, 1, 1], 2, truth: true),
                Split("valid", ["NNNNN"], [0, 1], 2, truth: true),
                Split("test", ["ACGTA", "CCCCC"], [1, 1, 0, 0], 2, truth: true),
            ],
            ["MYC", "CTCF"]);
        var path = Path.Combine(_dir, "d.npz");
        ds.Save(path);
        var back = SequenceDataset.Load(path);
        Assert.Equal(new[] { "train", "valid", "test" }, back.Splits.Select(s => s.Name));
        Assert.Equal(new[] { "MYC", "CTCF" }, back.MotifNames);
        foreach (var s in ds.Splits)
        {
            var b = back.Get(s.Name);
            Assert.Equal(s.Codes, b.Codes);
            Assert.Equal(s.Targets, b.Targets);
            Assert.Equal(s.Pwm, b.Pwm);
            Assert.Equal(s.Embeddings, b.Embeddings);
            Assert.Equal((s.Count, s.Length, s.Tasks), (b.Count, b.Length, b.Tasks));
        }
    }

    [Fact]
    public void Save_WritesTheDesignLayout()
    {
        var ds = new SequenceDataset([Split("train", ["AC", "GT"], [1, 0], 1)]);
        var path = Path.Combine(_dir, "d.npz");
        ds.Save(path);
        using var npz = NpzArchive.Open(path);
        var x = npz.Get("x_train");
        Assert.Equal(NpyKind.UInt8, x.DType.Kind);
        Assert.Equal(new[] { 2, 2, 4 }, x.Shape);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }, x.Get<byte>());
        var y = npz.Get("y_train");
        Assert.Equal(NpyKind.Float32, y.DType.Kind);
        Assert.Equal(new[] { 2, 1 }, y.Shape);
    }

    [Fact]
    public void Load_AcceptsChannelsFirstFloatAndOneDimensionalTargets()
    {
        // Two sequences "AC" and "GN" as (N, 4, L) float64.
        var x = new double[]
        {
            1, 0, 0, 1, 0, 0, 0, 0,
            0, 0, 0, 0, 1, 0, 0, 0,
        };
        var path = Path.Combine(_dir, "t.npz");
        NpzArchive.Write(path, [new("x_train", NpyArray.FromDoubles(x, 2, 4, 2)), new("y_train", NpyArray.FromDoubles([1, 0], 2))]);
        var train = SequenceDataset.Load(path).Get("train");
        Assert.Equal("AC", Alphabet.Decode(train.Sequence(0)));
        Assert.Equal("GN", Alphabet.Decode(train.Sequence(1)));
        Assert.Equal(1, train.Tasks);
        Assert.Equal(new float[] { 1, 0 }, train.Targets);
    }

    [Fact]
    public void Load_AssumesLengthFirstWhenLengthIsFour()
    {
        var x = new bool[16];
        for (int i = 0; i < 4; i++)
        {
            x[(i * 4) + (3 - i)] = true; // T G C A
        }

        var path = Path.Combine(_dir, "t.npz");
        NpzArchive.Write(path, [new("x_train", new NpyArray(new NpyDType(NpyKind.Bool), [1, 4, 4], x)), new("y_train", NpyArray.FromFloats([1], 1, 1))]);
        Assert.Equal("TGCA", Alphabet.Decode(SequenceDataset.Load(path).Get("train").Sequence(0)));
    }

    [Fact]
    public void Load_MissingTrainIsAnInputErrorNamingFileAndKey()
    {
        var path = Path.Combine(_dir, "nox.npz");
        NpzArchive.Write(path, [new("x_test", NpyArray.FromBytes(new byte[4], 1, 1, 4)), new("y_test", NpyArray.FromFloats([1], 1))]);
        var ex = Assert.Throws<InputException>(() => SequenceDataset.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("x_train", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsRowsThatAreNotOneHotNamingSequenceAndPosition()
    {
        var x = new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0.5f, 0.5f, 0, 0 };
        var path = Path.Combine(_dir, "bad.npz");
        NpzArchive.Write(path, [new("x_train", NpyArray.FromFloats(x, 2, 2, 4)), new("y_train", NpyArray.FromFloats([1, 0], 2))]);
        var ex = Assert.Throws<InputException>(() => SequenceDataset.Load(path));
        Assert.Contains("x_train", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sequence 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsTargetsOfTheWrongCount()
    {
        var path = Path.Combine(_dir, "y.npz");
        NpzArchive.Write(path, [new("x_train", NpyArray.FromBytes(new byte[8], 2, 1, 4)), new("y_train", NpyArray.FromFloats([1, 0, 1], 3))]);
        var ex = Assert.Throws<InputException>(() => SequenceDataset.Load(path));
        Assert.Contains("y_train", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_MissingSplitIsAnInputError()
    {
        var ds = new SequenceDataset([Split("train", ["AC"], [1], 1)], source: "d.npz");
        var ex = Assert.Throws<InputException>(() => ds.Get("test"));
        Assert.Contains("d.npz", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x_test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsANumpyWrittenChannelsFirstDataset()
    {
        // Written by tools/make_numpy_fixtures.py: x_train float32 (3, 4, 5), y_train float64 (3,), x_test bool.
        var ds = SequenceDataset.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "numpy", "dataset_ncl.npz"));
        var train = ds.Get("train");
        Assert.Equal(new[] { "ACGTN", "TTGCA", "GGGCC" }, Enumerable.Range(0, 3).Select(i => Alphabet.Decode(train.Sequence(i))));
        Assert.Equal(new float[] { 1, 0, 1 }, train.Targets);
        Assert.Equal("ACGTN", Alphabet.Decode(ds.Get("test").Sequence(0)));
    }

    [Fact]
    public void Save_SimulatedDatasetForNumpyCheck()
    {
        // With MOTIFLENS_NUMPY_EXPORT set, tools/make_numpy_fixtures.py check DIR verifies numpy reads this file.
        var export = Environment.GetEnvironmentVariable("MOTIFLENS_NUMPY_EXPORT");
        var path = export is null ? Path.Combine(_dir, "dataset.npz") : Path.Combine(export, "dataset.npz");
        var ds = Motiflens.Genomics.Simulation.SequenceSimulator.Simulate(new(Motiflens.Genomics.Simulation.SimulationPreset.Code, Count: 50, Seed: 1));
        ds.Save(path);
        using var npz = NpzArchive.Open(path);
        Assert.Equal(
            new[] { "x_train", "y_train", "pwm_train", "embeddings_train", "x_valid", "y_valid", "pwm_valid", "embeddings_valid", "x_test", "y_test", "pwm_test", "embeddings_test", "motif_names" },
            npz.Keys);
        Assert.Equal(NpyKind.Unicode, npz.Get("embeddings_test").DType.Kind);
        Assert.Equal(new[] { 35, 200, 4 }, npz.Get("pwm_train").Shape);
    }

    [Fact]
    public void Load_ReadsFortranOrderAndIntegerOneHotThroughTheGeneralPath()
    {
        var ds = SequenceDataset.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "numpy", "dataset_fortran.npz"));
        foreach (var name in new[] { "train", "valid" })
        {
            var s = ds.Get(name);
            Assert.Equal(new[] { "ACGTN", "TTGCA", "GGGCC" }, Enumerable.Range(0, 3).Select(i => Alphabet.Decode(s.Sequence(i))));
            Assert.Equal(new float[] { 1, 0, 1 }, s.Targets);
        }
    }

    [Theory]
    [InlineData(NpyKind.UInt8)]
    [InlineData(NpyKind.Int8)]
    [InlineData(NpyKind.Int32)]
    [InlineData(NpyKind.Int64)]
    [InlineData(NpyKind.Float32)]
    [InlineData(NpyKind.Float64)]
    [InlineData(NpyKind.Bool)]
    public void Load_StreamsEveryDtypeAcrossBatchesAndReportsTheRightSequence(NpyKind kind)
    {
        // 300 sequences of 1,000 nt span several 4 MB read batches for the wider dtypes.
        const int n = 300, l = 1000;
        var r = new Random(7);
        var codes = new byte[n * l];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)r.Next(5);
        }

        var hot = new double[n * l * 4];
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] < 4)
            {
                hot[(i * 4) + codes[i]] = 1;
            }
        }

        var path = Path.Combine(_dir, $"s{kind}.npz");
        NpzArchive.Write(path, [new("x_train", Typed(kind, hot, n, l)), new("y_train", NpyArray.FromFloats(new float[n], n))], compress: true);
        Assert.Equal(codes, SequenceDataset.Load(path).Get("train").Codes);

        if (kind != NpyKind.Bool)
        {
            hot[(((290 * l) + 17) * 4) + 3] = 1;
            hot[(((290 * l) + 17) * 4) + 2] = kind is NpyKind.Float32 or NpyKind.Float64 ? 0.5 : 1;
            NpzArchive.Write(path, [new("x_train", Typed(kind, hot, n, l)), new("y_train", NpyArray.FromFloats(new float[n], n))], compress: true);
            var ex = Assert.Throws<InputException>(() => SequenceDataset.Load(path));
            Assert.Contains("sequence 290 (0-based), position 17", ex.Message, StringComparison.Ordinal);
        }
    }

    private static NpyArray Typed(NpyKind kind, double[] v, int n, int l) => kind switch
    {
        NpyKind.UInt8 => NpyArray.FromBytes(v.Select(x => (byte)x).ToArray(), n, l, 4),
        NpyKind.Int8 => new NpyArray(new NpyDType(NpyKind.Int8), [n, l, 4], v.Select(x => (sbyte)x).ToArray()),
        NpyKind.Int32 => NpyArray.FromInts(v.Select(x => (int)x).ToArray(), n, l, 4),
        NpyKind.Int64 => NpyArray.FromLongs(v.Select(x => (long)x).ToArray(), n, l, 4),
        NpyKind.Float32 => NpyArray.FromFloats(v.Select(x => (float)x).ToArray(), n, l, 4),
        NpyKind.Float64 => NpyArray.FromDoubles(v, n, l, 4),
        _ => new NpyArray(new NpyDType(NpyKind.Bool), [n, l, 4], v.Select(x => x != 0).ToArray()),
    };

    [Fact]
    public void Load_TruncatedOneHotMemberIsAnInputError()
    {
        var full = new MemoryStream();
        Npy.Write(full, NpyArray.FromBytes(new byte[40], 2, 5, 4));
        var path = Path.Combine(_dir, "cut.npz");
        using (var fs = File.Create(path))
        using (var zip = new System.IO.Compression.ZipArchive(fs, System.IO.Compression.ZipArchiveMode.Create))
        {
            using (var es = zip.CreateEntry("x_train.npy").Open())
            {
                es.Write(full.ToArray().AsSpan(0, (int)full.Length - 7));
            }

            using (var ys = zip.CreateEntry("y_train.npy").Open())
            {
                Npy.Write(ys, NpyArray.FromFloats([0, 1], 2));
            }
        }

        var ex = Assert.Throws<InputException>(() => SequenceDataset.Load(path));
        Assert.Contains("x_train", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_EmptySplitRoundTrips()
    {
        var ds = new SequenceDataset([Split("train", ["ACG"], [1], 1), new DatasetSplit("test", 0, 3, 1, [], [])]);
        var path = Path.Combine(_dir, "e.npz");
        ds.Save(path);
        var back = SequenceDataset.Load(path);
        Assert.Equal(0, back.Get("test").Count);
        Assert.Equal(3, back.Get("test").Length);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsAnySplits()
    {
        int run = 0;
        var splitGen =
            from n in Gen.Choose(0, 6)
            from l in Gen.Choose(1, 9)
            from t in Gen.Choose(1, 3)
            from seed in Gen.Choose(0, 1000)
            from truth in Gen.Elements(true, false)
            select (n, l, t, seed, truth);
        Prop.ForAll(Gen.ArrayOf(splitGen, 3).ToArbitrary(), shapes =>
        {
            var l = shapes[0].l;
            var t = shapes[0].t;
            var splits = shapes.Select((x, k) =>
            {
                var r = new Random(x.seed);
                var codes = Enumerable.Range(0, x.n * l).Select(_ => (byte)r.Next(5)).ToArray();
                var y = Enumerable.Range(0, x.n * t).Select(_ => (float)r.NextDouble()).ToArray();
                var pwm = x.truth ? Enumerable.Range(0, x.n * l * 4).Select(_ => (float)r.NextDouble()).ToArray() : null;
                var emb = x.truth ? Enumerable.Range(0, x.n).Select(i => i % 2 == 0 ? "" : $"{i}:M{i}:-").ToArray() : null;
                return new DatasetSplit(SequenceDataset.StandardSplits[k], x.n, l, t, codes, y, pwm, emb);
            }).ToList();
            var path = Path.Combine(_dir, $"p{run++}.npz");
            new SequenceDataset(splits, ["a", "b"]).Save(path);
            var back = SequenceDataset.Load(path);
            return splits.All(s =>
            {
                var b = back.Get(s.Name);
                return b.Count == s.Count && b.Length == s.Length && b.Tasks == s.Tasks && b.Codes.AsSpan().SequenceEqual(s.Codes)
                    && b.Targets.AsSpan().SequenceEqual(s.Targets)
                    && (s.Pwm is null ? b.Pwm is null : b.Pwm!.AsSpan().SequenceEqual(s.Pwm))
                    && (s.Embeddings is null ? b.Embeddings is null : b.Embeddings!.SequenceEqual(s.Embeddings));
            });
        }).QuickCheckThrowOnFailure();
    }
}
