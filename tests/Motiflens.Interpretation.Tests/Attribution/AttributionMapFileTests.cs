using Motiflens.Interpretation.Attribution;
using Motiflens.IO;

namespace Motiflens.Interpretation.Tests.Attribution;

public sealed class AttributionMapFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("motiflens-maps-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_ChannelsFirstDoubleArray_IsTransposedToLengthChannels()
    {
        // (1, 4, 2): channel c at position i is 10c + i.
        string path = Path.Combine(_dir, "t.npy");
        Npy.Write(path, NpyArray.FromDoubles([0, 1, 10, 11, 20, 21, 30, 31], 1, 4, 2));
        Assert.Equal(new float[] { 0, 10, 20, 30, 1, 11, 21, 31 }, AttributionMapFile.Load(path, 1, 2));
    }

    [Fact]
    public void SaveThenLoad_RoundTrips()
    {
        string path = Path.Combine(_dir, "a.npy");
        var maps = Enumerable.Range(0, 2 * 3 * 4).Select(i => i * 0.5f).ToArray();
        AttributionMapFile.Save(path, maps, 2, 3);
        Assert.Equal(maps, AttributionMapFile.Load(path, 2, 3));
    }

    [Fact]
    public void Load_NpzWithSeveralArrays_PicksTheSplitKey_OrComplains()
    {
        string path = Path.Combine(_dir, "m.npz");
        NpzArchive.Write(path, new Dictionary<string, NpyArray>
        {
            ["train"] = NpyArray.FromFloats(new float[8], 1, 2, 4),
            ["test"] = NpyArray.FromFloats(Enumerable.Repeat(1f, 8).ToArray(), 1, 2, 4),
        }, compress: false);
        Assert.All(AttributionMapFile.Load(path, 1, 2, "test"), v => Assert.Equal(1f, v));
        var ex = Assert.Throws<InputException>(() => AttributionMapFile.Load(path, 1, 2));
        Assert.Contains("attributions", ex.Message);
    }

    [Theory]
    [InlineData(2, 3, 4, "expected shape (3, 3, 4)")]
    [InlineData(3, 5, 4, "expected shape (3, 3, 4) or (3, 4, 3)")]
    [InlineData(3, 3, 5, "expected shape")]
    public void Load_ShapeMismatch_NamesTheExpectedShape(int n, int l, int c, string message)
    {
        string path = Path.Combine(_dir, "bad.npy");
        Npy.Write(path, NpyArray.FromFloats(new float[n * l * c], n, l, c));
        var ex = Assert.Throws<InputException>(() => AttributionMapFile.Load(path, 3, 3));
        Assert.Contains(message, ex.Message);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NaN_NamesSequencePositionAndChannel()
    {
        string path = Path.Combine(_dir, "nan.npy");
        var data = new float[2 * 3 * 4];
        data[(((1 * 3) + 2) * 4) + 3] = float.NaN;
        Npy.Write(path, NpyArray.FromFloats(data, 2, 3, 4));
        var ex = Assert.Throws<InputException>(() => AttributionMapFile.Load(path, 2, 3));
        Assert.Contains("sequence 1, position 2, channel T", ex.Message);
    }
}
