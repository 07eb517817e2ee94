using System.Globalization;
using System.Text.Json;
using Motiflens.IO;

namespace Motiflens.IO.Tests;

/// <summary>
/// Reads the fixtures tools/make_numpy_fixtures.py wrote with numpy and compares them with the values it recorded
/// in expected.json; writes them back with Motiflens (to MOTIFLENS_NUMPY_EXPORT when set, so the script's
/// <c>check</c> mode can confirm numpy loads them).
/// </summary>
public class NumpyInteropTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "TestData", "numpy");

    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "expected.json"))).RootElement;

    public static TheoryData<string> NpyFiles()
    {
        var data = new TheoryData<string>();
        foreach (var p in Expected.EnumerateObject().Where(p => p.Name.EndsWith(".npy", StringComparison.Ordinal)))
        {
            data.Add(p.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NpyFiles))]
    public void Npy_ReadsNumpyFixtureIdentically(string file)
    {
        var a = Npy.Read(Path.Combine(Dir, file));
        AssertMatches(Expected.GetProperty(file), a, file);
    }

    [Theory]
    [InlineData("stored.npz")]
    [InlineData("compressed.npz")]
    public void Npz_ReadsStoredAndDeflatedArchivesIdentically(string file)
    {
        using var npz = NpzArchive.Open(Path.Combine(Dir, file));
        var expected = Expected.GetProperty(file);
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), npz.Keys.Order());
        foreach (var member in expected.EnumerateObject())
        {
            AssertMatches(member.Value, npz.Get(member.Name), $"{file}[{member.Name}]");
        }
    }

    [Fact]
    public void Npy_RejectsBigEndianAndObjectArraysWithInputErrors()
    {
        var be = Assert.Throws<InputException>(() => Npy.Read(Path.Combine(Dir, "big_endian.npy")));
        Assert.Contains("big-endian", be.Message, StringComparison.Ordinal);
        var obj = Assert.Throws<InputException>(() => Npy.Read(Path.Combine(Dir, "object.npy")));
        Assert.Contains("object", obj.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFixture_WrittenBackByMotiflens_ReadsTheSame()
    {
        var export = Environment.GetEnvironmentVariable("MOTIFLENS_NUMPY_EXPORT");
        var dir = export ?? Path.Combine(Path.GetTempPath(), "motiflens-npx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var p in Expected.EnumerateObject())
            {
                if (p.Name.EndsWith(".npy", StringComparison.Ordinal))
                {
                    var a = Npy.Read(Path.Combine(Dir, p.Name));
                    var target = Path.Combine(dir, p.Name);
                    Npy.Write(target, a);
                    AssertMatches(p.Value, Npy.Read(target), "rewritten " + p.Name);
                }
                else if (p.Name is "stored.npz" or "compressed.npz")
                {
                    var arrays = NpzArchive.ReadAll(Path.Combine(Dir, p.Name));
                    var target = Path.Combine(dir, p.Name);
                    NpzArchive.Write(target, arrays, compress: p.Name.StartsWith("compressed", StringComparison.Ordinal));
                    using var back = NpzArchive.Open(target);
                    foreach (var m in p.Value.EnumerateObject())
                    {
                        AssertMatches(m.Value, back.Get(m.Name), $"rewritten {p.Name}[{m.Name}]");
                    }
                }
            }
        }
        finally
        {
            if (export is null)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static void AssertMatches(JsonElement expected, NpyArray actual, string what)
    {
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(), actual.Shape);
        string dtype = expected.GetProperty("dtype").GetString()!;
        var values = expected.GetProperty("values").EnumerateArray().ToArray();
        Assert.Equal(values.Length, actual.Length);
        switch (actual.Data)
        {
            case bool[] b:
                Assert.Equal("|b1", dtype);
                Assert.Equal(values.Select(v => v.GetBoolean()), b);
                break;
            case sbyte[] s when actual.DType.Kind == NpyKind.Int8: // byte[] and sbyte[] pass each other's run-time type tests
                Assert.Equal("|i1", dtype);
                Assert.Equal(values.Select(v => (sbyte)v.GetInt32()), s);
                break;
            case byte[] u:
                Assert.Equal("|u1", dtype);
                Assert.Equal(values.Select(v => (byte)v.GetInt32()), u);
                break;
            case int[] i:
                Assert.Equal("<i4", dtype);
                Assert.Equal(values.Select(v => v.GetInt32()), i);
                break;
            case long[] l:
                Assert.Equal("<i8", dtype);
                Assert.Equal(values.Select(v => long.Parse(v.GetString()!, CultureInfo.InvariantCulture)), l);
                break;
            case float[] f:
                Assert.Equal("<f4", dtype);
                Assert.Equal(values.Select(v => uint.Parse(v.GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture)), f.Select(BitConverter.SingleToUInt32Bits));
                break;
            case double[] d:
                Assert.Equal("<f8", dtype);
                Assert.Equal(values.Select(v => ulong.Parse(v.GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture)), d.Select(BitConverter.DoubleToUInt64Bits));
                break;
            case string[] str:
                Assert.StartsWith("<U", dtype, StringComparison.Ordinal);
                Assert.Equal(values.Select(v => v.GetString()), str);
                break;
            default:
                Assert.Fail($"{what}: unexpected data type {actual.Data.GetType()}");
                break;
        }
    }
}
