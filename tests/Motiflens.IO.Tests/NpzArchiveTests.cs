using FsCheck;
using FsCheck.Fluent;
using Motiflens.IO;

namespace Motiflens.IO.Tests;

public class NpzArchiveTests
{
    /// <summary>Arrays of every dtype with random shapes of rank 0..3, zero-length dimensions included.</summary>
    internal static Gen<NpyArray> ArrayGen()
    {
        var shapeGen = Gen.Choose(0, 3).SelectMany(rank => Gen.ArrayOf(Gen.Choose(0, 4), rank));
        return from kind in Gen.Elements(Enum.GetValues<NpyKind>())
               from shape in shapeGen
               from seed in Gen.Choose(0, int.MaxValue)
               select Make(kind, shape, seed);
    }

    private static NpyArray Make(NpyKind kind, int[] shape, int seed)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var r = new Random(seed);
        Array data = kind switch
        {
            NpyKind.Bool => Enumerable.Range(0, n).Select(_ => r.Next(2) == 1).ToArray(),
            NpyKind.UInt8 => Enumerable.Range(0, n).Select(_ => (byte)r.Next(256)).ToArray(),
            NpyKind.Int8 => Enumerable.Range(0, n).Select(_ => (sbyte)r.Next(-128, 128)).ToArray(),
            NpyKind.Int32 => Enumerable.Range(0, n).Select(_ => r.Next(int.MinValue, int.MaxValue)).ToArray(),
            NpyKind.Int64 => Enumerable.Range(0, n).Select(_ => r.NextInt64(long.MinValue, long.MaxValue)).ToArray(),
            NpyKind.Float32 => Enumerable.Range(0, n).Select(_ => BitConverter.Int32BitsToSingle(r.Next())).ToArray(),
            NpyKind.Float64 => Enumerable.Range(0, n).Select(_ => BitConverter.Int64BitsToDouble(r.NextInt64())).ToArray(),
            _ => Enumerable.Range(0, n).Select(_ => new string('x', r.Next(0, 4)) + (r.Next(2) == 0 ? "é😀" : "ACGT")).ToArray(),
        };
        var dtype = kind == NpyKind.Unicode ? new NpyDType(kind, ((string[])data).Select(s => s.EnumerateRunes().Count()).DefaultIfEmpty(1).Max()) : new NpyDType(kind);
        return new NpyArray(dtype, shape, data);
    }

    internal static bool SameArray(NpyArray a, NpyArray b)
    {
        if (a.DType.Kind != b.DType.Kind || !a.Shape.SequenceEqual(b.Shape) || a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            var x = a.Data.GetValue(i);
            var y = b.Data.GetValue(i);
            bool same = (x, y) switch
            {
                (float f, float g) => BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(g),
                (double f, double g) => BitConverter.DoubleToInt64Bits(f) == BitConverter.DoubleToInt64Bits(g),
                _ => Equals(x, y),
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Npy_RoundTripsEveryDtypeAndShape()
    {
        Prop.ForAll(ArrayGen().ToArbitrary(), a =>
        {
            using var ms = new MemoryStream();
            Npy.Write(ms, a);
            ms.Position = 0;
            return SameArray(a, Npy.Read(ms, "mem"));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Npz_RoundTripsStoredAndDeflated()
    {
        var dir = Path.Combine(Path.GetTempPath(), "motiflens-npz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            int run = 0;
            Prop.ForAll(Gen.ListOf(ArrayGen()).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (arrays, compress) =>
            {
                var path = Path.Combine(dir, $"a{run++}.npz");
                var named = arrays.Select((a, i) => new KeyValuePair<string, NpyArray>($"k{i}", a)).ToList();
                NpzArchive.Write(path, named, compress);
                using var back = NpzArchive.Open(path);
                return back.Keys.SequenceEqual(named.Select(x => x.Key)) && named.All(x => SameArray(x.Value, back.Get(x.Key)));
            }).QuickCheckThrowOnFailure();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Write_IsByteIdenticalForTheSameArrays()
    {
        var dir = Path.Combine(Path.GetTempPath(), "motiflens-npz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var arrays = new[] { new KeyValuePair<string, NpyArray>("x", NpyArray.FromFloats([1, 2, 3], 3)) };
            NpzArchive.Write(Path.Combine(dir, "a.npz"), arrays, compress: true);
            NpzArchive.Write(Path.Combine(dir, "b.npz"), arrays, compress: true);
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.npz")), File.ReadAllBytes(Path.Combine(dir, "b.npz")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Get_MissingKeyNamesFileAndKey()
    {
        var path = Path.Combine(Path.GetTempPath(), "motiflens-npz-" + Guid.NewGuid().ToString("N") + ".npz");
        try
        {
            NpzArchive.Write(path, [new KeyValuePair<string, NpyArray>("y_train", NpyArray.FromFloats([1], 1))]);
            using var npz = NpzArchive.Open(path);
            var ex = Assert.Throws<InputException>(() => npz.Get("x_train"));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("x_train", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
