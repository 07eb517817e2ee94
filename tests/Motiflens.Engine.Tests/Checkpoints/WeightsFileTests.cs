using Motiflens.Engine.Checkpoints;
using Motiflens.IO;

namespace Motiflens.Engine.Tests.Checkpoints;

public sealed class WeightsFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"motiflens-w-{Guid.NewGuid():N}.npz");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void WriteThenRead_KeepsKeysShapesAndValues()
    {
        WeightsFile.Write(_path, [new StateEntry("layers.0.weight", [2, 1, 3], [1, 2, 3, 4, 5, 6, 99]), new StateEntry("layers.0.bias", [2], [7, 8])]);
        var read = WeightsFile.Read(_path);
        Assert.Equal([2, 1, 3], read["layers.0.weight"].Shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], read["layers.0.weight"].Data);
        Assert.Equal([7f, 8], read["layers.0.bias"].Data);
        using var npz = NpzArchive.Open(_path);
        Assert.Equal(["layers.0.weight", "layers.0.bias"], npz.Keys);
    }
}
